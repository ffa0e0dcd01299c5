import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationPage } from "../../src/contracts/conversations";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

// A recruiter who keeps the WhatsApp Business app on the company number: the connection says what
// differs and how the app's history import stands, the imported chats are in the inbox (none
// unread), and what the recruiter then sends from the phone shows in the chat as "from the phone".
describe.skipIf(browserSkipReason)("dashboard: a number kept on the WhatsApp Business app", () => {
  let app: AppServer;
  let session: Caller;
  let phoneNumberId: string;
  let browser: Browser;
  let page: Page;
  const control = (url: string, payload: object) =>
    app.app.inject({ method: "POST", url: `/simulator/control/${url}`, payload });

  beforeAll(async () => {
    app = await startAppServer();
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca", undefined, {
      businessApp: true,
    });
    expect(connection.businessApp).toBe(true);
    phoneNumberId = connection.phoneNumberId as string;
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await loginThroughPage(page, app.url, "/connections", demoAccount.owner);
  }, TEST_BUDGET_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "shows the history import on the connection, the imported chats, and an echo labelled from the phone",
    async () => {
      const facts = page.getByRole("region", { name: "Aussi sur l’app WhatsApp Business" });
      await facts
        .getByText("Historique de l’app\u00a0: en attente de Meta.")
        .waitFor({ timeout: PATIENCE_MS });
      await facts.getByText(/20 messages par seconde/).waitFor({ timeout: PATIENCE_MS });

      const sync = await control("business-app/history", { phoneNumberId, order: "reversed", repeat: 1 });
      expect(sync.statusCode, sync.body).toBe(200);
      await facts
        .getByText(/période 3 sur 3, 100\u00a0%\u00a0; 5 messages importés/)
        .waitFor({ timeout: PATIENCE_MS });

      const chats = async () =>
        (await session.get("/api/conversations")).json<ConversationPage>().conversations;
      await expect.poll(async () => (await chats()).length, { timeout: PATIENCE_MS }).toBe(3);
      expect((await chats()).every((c) => c.unreadCount === 0)).toBe(true);
      const chat = (await chats()).find((c) => c.contact.waId === "212661000101")!;

      await page.goto(`${app.url}/inbox/${chat.id}`);
      await page
        .getByRole("feed")
        .getByText("Oui ! Envoyez-nous votre CV ici.")
        .waitFor({ timeout: PATIENCE_MS });
      const echo = await control("business-app/echo", {
        phoneNumberId,
        to: "212661000101",
        text: "Je vous appelle dans 5 minutes.",
      });
      expect(echo.statusCode, echo.body).toBe(200);
      const bubble = page.locator("article.msg--out", { hasText: "Je vous appelle dans 5 minutes." });
      await bubble.waitFor({ timeout: PATIENCE_MS });
      await expect.poll(() => bubble.locator(".bubble__origin").textContent()).toBe("Depuis le téléphone");
      // Said to screen readers too, as the message's author.
      await expect
        .poll(() => bubble.locator(".visually-hidden").first().textContent())
        .toMatch(/^Depuis le téléphone, /);
    },
    TEST_BUDGET_MS,
  );
});
