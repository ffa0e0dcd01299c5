import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber, eventually } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

const TEST_TIMEOUT = TEST_BUDGET_MS;
const CANDIDATE = "212600000171";
/** More than one page of history (50) after the diploma: opening at it fetches back to it. */
const FILLERS = 56;
const INTERVIEWS = [12, 30, 48];

/** Set to a folder to save the screenshots there. */
const screenshotDir = process.env.LJ_SCREENSHOT_DIR;
async function shoot(target: Page, name: string) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await target.screenshot({ path: join(screenshotDir, name) });
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

// The inbox search as WhatsApp Web has it (issue 16): "diplome" finds the message saying "Diplôme",
// the snippet marks it, opening the result opens the chat at that message; find in chat counts its
// matches and moves between them.
describe.skipIf(browserSkipReason)("dashboard: inbox search", () => {
  let app: AppServer;
  let session: Caller;
  let phoneNumberId: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let conversationId = "";
  let diplomaId = "";

  async function inbound(body: string, profileName?: string) {
    const response = await app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: {
        phoneNumberId,
        from: CANDIDATE,
        type: "text",
        text: { body },
        ...(profileName ? { profileName } : {}),
      },
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
  }

  const feed = (target: Page): Locator => target.getByRole("feed");
  const bubble = (target: Page, text: string): Locator => feed(target).locator("article", { hasText: text });

  /** Whether a bubble is drawn inside the history's visible area. */
  async function inView(target: Locator): Promise<boolean> {
    const box = (await target.boundingBox()) as Box | null;
    const history = (await feed(target.page()).boundingBox()) as Box | null;
    if (!box || !history) return false;
    return box.y >= history.y - 1 && box.y + box.height <= history.y + history.height + 1;
  }

  beforeAll(async () => {
    app = await startAppServer();
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca");
    expect(connection.state).toBe("active");
    phoneNumberId = connection.phoneNumberId as string;

    await inbound("Bonjour, voici mon Diplôme d'ingénieur en génie civil", "Nadia Berrada");
    for (let i = 1; i <= FILLERS; i += 1) {
      await inbound(INTERVIEWS.includes(i) ? `Je confirme l'entretien numéro ${i}` : `Message suivant ${i}`);
    }
    await eventually(async () => {
      const list = (await session.get(`/api/conversations?q=${CANDIDATE}`)).json() as {
        conversations: { id: string }[];
      };
      conversationId = list.conversations[0]?.id ?? "";
      if (!conversationId) return false;
      const found = (await session.get(`/api/messages/search?q=diplome`)).json() as {
        results: { messageId: string }[];
      };
      diplomaId = found.results[0]?.messageId ?? "";
      const history = (await session.get(`/api/messages/${conversationId}?limit=200`)).json() as {
        messages: unknown[];
      };
      return Boolean(diplomaId) && history.messages.length >= FILLERS + 1;
    });
    const read = await session.patch(`/api/conversations/${conversationId}/read`, {});
    expect(read.statusCode, read.body).toBe(200);

    browser = await launchBrowser();
    context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1366, height: 800 } });
    page = await context.newPage();
    await loginThroughPage(page, app.url, "/inbox", demoAccount.owner);
    page.setDefaultTimeout(30_000);
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "finds 'diplome' in a message saying 'Diplôme', marks it, and opens the chat at that message",
    async () => {
      await page.getByRole("searchbox", { name: "Rechercher" }).first().fill("diplome");
      const results = page.getByRole("region", { name: "Messages" });
      const result = results.getByRole("link", { name: /Nadia Berrada/ });
      await result.waitFor({ timeout: PATIENCE_MS });
      await expect
        .poll(() => result.locator("mark").allTextContents(), { timeout: PATIENCE_MS })
        .toEqual(["Diplôme"]);

      await result.click();
      await expect
        .poll(() => page.url(), { timeout: PATIENCE_MS })
        .toContain(`/inbox/${conversationId}?msg=${diplomaId}`);
      // Older than the first page of the chat: fetched back to, then scrolled into view.
      const diploma = bubble(page, "Diplôme d'ingénieur");
      await diploma.waitFor({ timeout: PATIENCE_MS });
      await expect.poll(() => inView(diploma), { timeout: PATIENCE_MS }).toBe(true);
      expect(await inView(bubble(page, `Message suivant ${FILLERS}`))).toBe(false);
    },
    TEST_TIMEOUT,
  );

  it(
    "finds in the chat: counts the matches, shows the newest, steps to older and back",
    async () => {
      await page.getByRole("button", { name: "Rechercher dans la discussion" }).click();
      await page.getByRole("searchbox", { name: "Rechercher dans cette discussion" }).fill("ENTRETIEN");
      const count = page.locator(".chat-find__count");
      await expect.poll(() => count.textContent(), { timeout: PATIENCE_MS }).toBe("1 sur 3");
      const current = () => feed(page).locator("article.msg--current-match");
      await expect.poll(() => current().textContent(), { timeout: PATIENCE_MS }).toContain("numéro 48");
      await expect.poll(() => inView(current()), { timeout: PATIENCE_MS }).toBe(true);

      await page.getByRole("button", { name: "Résultat précédent (plus ancien)" }).click();
      await expect.poll(() => count.textContent()).toBe("2 sur 3");
      await expect.poll(() => current().textContent(), { timeout: PATIENCE_MS }).toContain("numéro 30");
      await expect.poll(() => inView(current()), { timeout: PATIENCE_MS }).toBe(true);

      // In the field, Enter goes older, Shift+Enter newer.
      await page.getByRole("searchbox", { name: "Rechercher dans cette discussion" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => count.textContent()).toBe("3 sur 3");
      await expect.poll(() => current().textContent(), { timeout: PATIENCE_MS }).toContain("numéro 12");
      await page.keyboard.press("Shift+Enter");
      await expect.poll(() => count.textContent()).toBe("2 sur 3");

      await page.keyboard.press("Escape");
      await page
        .getByRole("searchbox", { name: "Rechercher dans cette discussion" })
        .waitFor({ state: "detached" });
      expect(await current().count()).toBe(0);
    },
    TEST_TIMEOUT,
  );
  it(
    "finds in the chat at phone width: the bar fits beside nothing else, every control in reach, the match in view",
    async () => {
      const small = page;
      await small.setViewportSize({ width: 360, height: 740 });
      try {
        await small.goto(`${app.url}/inbox/${conversationId}`);
        await feed(small).waitFor({ timeout: PATIENCE_MS });
        // The name keeps room beside the header's actions.
        const name = small.getByRole("heading", { name: "Nadia Berrada" });
        expect((await name.boundingBox())!.width).toBeGreaterThanOrEqual(60);
        // No room for the find button beside the name: it is in the chat's menu.
        await small.getByRole("button", { name: "Plus d’actions" }).click();
        await small.getByRole("button", { name: "Rechercher dans la discussion" }).click();
        const field = small.getByRole("searchbox", { name: "Rechercher dans cette discussion" });
        await field.fill("entretien");
        const count = small.locator(".chat-find__count");
        await expect.poll(() => count.textContent(), { timeout: PATIENCE_MS }).toBe("1 sur 3");
        // Nothing sticks out of the screen: the page does not scroll sideways and each control is on it.
        expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        for (const control of [
          field,
          small.getByRole("button", { name: "Résultat précédent (plus ancien)" }),
          small.getByRole("button", { name: "Résultat suivant (plus récent)" }),
          count,
        ]) {
          const box = await control.boundingBox();
          expect(box).not.toBeNull();
          expect(box!.x).toBeGreaterThanOrEqual(0);
          expect(box!.x + box!.width).toBeLessThanOrEqual(360);
        }
        expect((await field.boundingBox())!.width).toBeGreaterThanOrEqual(120);
        await small.getByRole("button", { name: "Résultat précédent (plus ancien)" }).click();
        await expect.poll(() => count.textContent()).toBe("2 sur 3");
        const current = feed(small).locator("article.msg--current-match");
        await expect.poll(() => current.textContent(), { timeout: PATIENCE_MS }).toContain("numéro 30");
        await expect.poll(() => inView(current), { timeout: PATIENCE_MS }).toBe(true);
        // Only the history scrolled: the page itself, and so the chat's header, stayed in place.
        expect(await small.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);
        expect((await name.boundingBox())!.y).toBeGreaterThanOrEqual(0);
        await shoot(small, "chat-find-phone-fr.png");
      } finally {
        await small.setViewportSize({ width: 1366, height: 800 });
      }
    },
    TEST_TIMEOUT,
  );
});
