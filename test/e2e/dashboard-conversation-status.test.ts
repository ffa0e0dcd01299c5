import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber } from "../support/connected";
import { loginAs } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

const LIVE = PATIENCE_MS;
/** Set to a folder to save screenshots of the views and the header's actions there. */
const screenshotDir = process.env.LJ_SCREENSHOT_DIR;

async function shoot(page: Page, name: string) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, name) });
}

// A recruiter's day in the French inbox: resolve a chat and watch the views' counts follow, snooze
// another until tomorrow and see the candidate's reply bring it back, pin a chat to the top, mark
// one unread.
describe.skipIf(browserSkipReason)("dashboard: conversation status", () => {
  let app: AppServer;
  let phoneNumberId: string;
  let browser: Browser;
  let page: Page;

  /** A candidate writes through the simulator's control API (signed webhook, real ingress). */
  async function inbound(from: string, profileName: string, body: string) {
    const response = await app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: { phoneNumberId, from, profileName, type: "text", text: { body } },
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
  }

  const list = () => page.getByRole("navigation", { name: "Conversations" });
  const row = (name: RegExp): Locator => list().getByRole("link", { name });
  /** A view's tab; its name carries its exact count (`Résolus, 1 conversation`). */
  const view = (name: string): Locator =>
    list()
      .getByRole("group", { name: "Vues" })
      .getByRole("button", { name: new RegExp(`^${name}(, |$)`) });
  const header = () => page.getByRole("main").locator("header");

  beforeAll(async () => {
    app = await startAppServer();
    const session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca");
    phoneNumberId = connection.phoneNumberId as string;
    await inbound("212661112233", "Karim Idrissi", "Bonjour, le poste de magasinier est-il ouvert ?");
    await inbound("212677001122", "Salma Bennani", "Je vous envoie mon CV ce soir.");

    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await loginThroughPage(page, app.url, "/inbox", demoAccount.owner);
  }, TEST_BUDGET_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "resolves a chat and counts it in Résolus; snoozes another that the candidate's reply reopens",
    async () => {
      await view("Ouverts").filter({ hasText: "2" }).waitFor({ timeout: LIVE });
      expect(await view("Non assignés").textContent()).toContain("2");

      await row(/^Karim Idrissi/).click();
      await header().getByRole("button", { name: "Résoudre" }).click();
      await header().getByRole("status").filter({ hasText: "Résolue" }).waitFor({ timeout: LIVE });
      await view("Résolus").filter({ hasText: "1" }).waitFor({ timeout: LIVE });
      await view("Ouverts").filter({ hasText: "1" }).waitFor({ timeout: LIVE });

      await view("Résolus").click();
      await row(/^Karim Idrissi/).waitFor();
      expect(await row(/^Salma Bennani/).count()).toBe(0);
      await view("Ouverts").click();
      await row(/^Salma Bennani/).waitFor();
      expect(await row(/^Karim Idrissi/).count()).toBe(0);

      await row(/^Salma Bennani/).click();
      await header().getByRole("button", { name: "Reporter jusqu’à…" }).click();
      await shoot(page, "conversation-status-snooze-fr.png");
      await page.getByRole("button", { name: /^Demain matin/ }).click();
      await header()
        .getByRole("status")
        .filter({ hasText: /^Reportée jusqu’à/ })
        .waitFor({ timeout: LIVE });
      await view("Reportés").filter({ hasText: "1" }).waitFor({ timeout: LIVE });
      // Snoozed, Salma leaves the open view the recruiter is on.
      await row(/^Salma Bennani/).waitFor({ state: "detached", timeout: LIVE });

      await inbound("212677001122", "Salma Bennani", "C’est envoyé, merci !");
      await row(/^Salma Bennani/).waitFor({ timeout: LIVE });
      await view("Reportés").filter({ hasText: "0" }).waitFor({ timeout: LIVE });
      await header().getByRole("button", { name: "Résoudre" }).waitFor({ timeout: LIVE });
      expect(await header().getByRole("status").filter({ hasText: "Reportée" }).count()).toBe(0);
    },
    TEST_BUDGET_MS,
  );

  it(
    "pins a chat to the top of the list and marks another unread",
    async () => {
      await view("Tous").click();
      // Salma wrote last: she is first, until Karim is pinned.
      await expect
        .poll(async () => (await list().getByRole("link").first().getAttribute("aria-label")) ?? "", {
          timeout: LIVE,
        })
        .toMatch(/^Salma Bennani/);
      await row(/^Karim Idrissi/).click();
      await header().getByRole("button", { name: "Plus d’actions" }).click();
      await page.getByRole("button", { name: "Épingler" }).click();
      await expect
        .poll(async () => (await list().getByRole("link").first().getAttribute("aria-label")) ?? "", {
          timeout: LIVE,
        })
        .toMatch(/^Karim Idrissi.*Épinglée/);

      await row(/^Salma Bennani/).click();
      await header().getByRole("button", { name: "Résoudre" }).waitFor();
      await header().getByRole("button", { name: "Plus d’actions" }).click();
      await page.getByRole("button", { name: "Marquer comme non lue" }).click();
      await page.waitForURL(`${app.url}/inbox`);
      const salma = row(/^Salma Bennani/);
      await expect
        .poll(async () => (await salma.getAttribute("aria-label")) ?? "", { timeout: LIVE })
        .toMatch(/Marquée comme non lue/);
      expect(await salma.getAttribute("class")).toContain("row--unread");
      await shoot(page, "conversation-status-views-fr.png");
      await list().getByRole("button", { name: "Non lus" }).click();
      await salma.waitFor({ timeout: LIVE });
      expect(await row(/^Karim Idrissi/).count()).toBe(0);

      // Opened again, it is read: the dot goes.
      await salma.click();
      await expect
        .poll(async () => (await row(/^Salma Bennani/).getAttribute("aria-label")) ?? "", { timeout: LIVE })
        .not.toMatch(/Marquée comme non lue/);
    },
    TEST_BUDGET_MS,
  );
});
