import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationPage } from "../../src/contracts/conversations";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { JOB_OPPORTUNITY } from "../support/api-sender";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

// A candidate who shares only a WhatsApp username writes: the chat shows the username and "number
// not shared", and the recruiter's answer goes to the candidate's business-scoped id.
describe.skipIf(browserSkipReason)("dashboard: a username-only candidate", () => {
  let app: AppServer;
  let session: Caller;
  let phoneNumberId: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startAppServer();
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca");
    phoneNumberId = connection.phoneNumberId as string;
    const inbound = await app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: {
        phoneNumberId,
        from: "212611330001",
        profileName: "Imane",
        type: "text",
        text: { body: "Bonjour, je postule sous mon pseudo" },
        username: "imane.cv",
        withoutPhone: true,
      },
    });
    expect(inbound.statusCode, inbound.body).toBe(200);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await loginThroughPage(page, app.url, "/inbox", demoAccount.owner);
  }, TEST_BUDGET_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "shows @username in the chat header and the list, and answers through the BSUID",
    async () => {
      const firstConversation = async () =>
        (await session.get("/api/conversations")).json<ConversationPage>().conversations[0]?.id ?? null;
      await expect.poll(firstConversation, { timeout: PATIENCE_MS }).not.toBeNull();
      const id = (await firstConversation()) as string;
      await page.goto(`${app.url}/inbox/${id}`);
      await page.getByRole("heading", { name: "Imane" }).waitFor({ timeout: PATIENCE_MS });
      await page
        .locator(".chat-header__username", { hasText: "@imane.cv" })
        .waitFor({ timeout: PATIENCE_MS });
      await page.getByRole("link", { name: /^Imane, @imane\.cv,/ }).waitFor({ timeout: PATIENCE_MS });

      const composer = page.getByRole("textbox", { name: "Écrire un message" });
      await composer.fill("Bonjour Imane, merci !");
      await composer.press("Enter");
      const sent = async () => {
        const response = await app.app.inject({
          method: "GET",
          url: `/simulator/control/sent?phoneNumberId=${phoneNumberId}`,
        });
        const bodies = (
          response.json().sent as { body: { type?: string; to?: string; recipient?: string } }[]
        )
          .map((s) => s.body)
          .filter((b) => b.type === "text");
        return bodies[0] ?? null;
      };
      await expect.poll(sent, { timeout: PATIENCE_MS }).not.toBeNull();
      const body = (await sent())!;
      expect(body.to).toBeUndefined();
      expect(body.recipient).toMatch(/^MA\.\d{20}$/);
    },
    TEST_BUDGET_MS,
  );

  it(
    "drops the username's chat live when Meta shows it is the number's candidate, and opens the kept chat",
    async () => {
      const inbound = (payload: object) =>
        app.app.inject({
          method: "POST",
          url: "/simulator/control/inbound",
          payload: { phoneNumberId, from: "212611330009", profileName: "Salma", type: "text", ...payload },
        });
      // The recruiter wrote to the number first; the candidate answers under a username only.
      await expect
        .poll(async () => (await session.get("/api/templates")).json().templates.length, {
          timeout: PATIENCE_MS,
        })
        .toBeGreaterThan(0);
      const template = await session.post("/api/messages/send", {
        connectionId: (await session.get("/api/connections")).json().connections[0].id,
        to: "0611330009",
        template: JOB_OPPORTUNITY,
      });
      expect(template.statusCode, template.body).toBe(202);
      const numberChat = template.json().conversationId as string;
      const hidden = await inbound({
        text: { body: "C'est moi, sous mon pseudo" },
        username: "salma.cv",
        withoutPhone: true,
      });
      expect(hidden.statusCode, hidden.body).toBe(200);
      const usernameChat = async () =>
        (await session.get("/api/conversations"))
          .json<ConversationPage>()
          .conversations.find((c) => c.id !== numberChat && c.contact.username === "salma.cv")?.id ?? null;
      await expect.poll(usernameChat, { timeout: PATIENCE_MS }).not.toBeNull();
      const folded = (await usernameChat()) as string;
      await page.goto(`${app.url}/inbox/${folded}`);
      await page.getByRole("link", { name: /@salma\.cv/ }).waitFor({ timeout: PATIENCE_MS });

      // Meta now shows the number and the username together: one candidate, one chat.
      const shown = await inbound({ text: { body: "Voici mon numéro" }, withoutPhone: false });
      expect(shown.statusCode, shown.body).toBe(200);
      await page.waitForURL(`${app.url}/inbox/${numberChat}`, { timeout: PATIENCE_MS });
      await page
        .getByRole("feed")
        .locator("article", { hasText: "Voici mon numéro" })
        .waitFor({ timeout: PATIENCE_MS });
      await page
        .getByRole("feed")
        .locator("article", { hasText: "sous mon pseudo" })
        .waitFor({ timeout: PATIENCE_MS });
      const list = page.getByRole("navigation", { name: "Conversations" });
      await expect
        .poll(() => list.locator(`a[href="/inbox/${folded}"]`).count(), { timeout: PATIENCE_MS })
        .toBe(0);
    },
    TEST_BUDGET_MS,
  );
});
