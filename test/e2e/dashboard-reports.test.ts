import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationResponse } from "../../src/contracts/conversations";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { eventually, PATIENCE_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser } from "./support/browser";

/** Set to a folder to save the page's screenshots there. */
const screenshotDir = process.env.LJ_SCREENSHOT_DIR;

/** Text as shown, its no-break spaces made plain. */
const plain = (text: string | null) => (text ?? "").replace(/[\u00a0\u202f]/g, " ").trim();

// The reports page in the sandbox: two candidates write through the simulated Meta (delivered late:
// 4 minutes and 2 h 05 ago), the owner answers one and resolves it, the recruiter answers the other;
// the page shows the figures in French, then reads right to left in Arabic.
describe.skipIf(browserSkipReason)("dashboard: reports", () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  async function shoot(name: string) {
    if (!screenshotDir) return;
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, name) });
  }

  beforeAll(async () => {
    app = await startAppServer();
    const owner = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const recruiter = await loginAs(
      app.app,
      { email: demoAccount.recruiter.email },
      demoAccount.recruiter.password,
    );
    const { connection } = await connectNumber(app.app, owner, "casablanca");
    expect(connection.state).toBe("active");

    async function candidateWrites(from: string, body: string, sentSecondsAgo: number) {
      const response = await app.app.inject({
        method: "POST",
        url: "/simulator/control/inbound",
        payload: {
          phoneNumberId: connection.phoneNumberId,
          from,
          profileName: "Candidat",
          type: "text",
          text: { body },
          sentSecondsAgo,
        },
      });
      expect(response.statusCode, response.body).toBe(200);
      return eventually(async () =>
        (
          (await owner.get("/api/conversations?limit=50")).json().conversations as ConversationResponse[]
        ).find((c) => c.contact.waId === from),
      );
    }
    async function answers(caller: Caller, conversationId: string, text: string) {
      const sent = await caller.post("/api/messages/send", { conversationId, text });
      expect(sent.statusCode, sent.body).toBeLessThan(300);
    }

    const amina = await candidateWrites("212611000101", "Bonjour, le poste est-il pourvu ?", 240);
    await answers(owner, amina.id, "Bonjour Amina, non : envoyez votre CV.");
    const resolved = await owner.post(`/api/conversations/${amina.id}/status`, { status: "resolved" });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const karim = await candidateWrites("212611000102", "Je suis disponible lundi.", 7500);
    await answers(recruiter, karim.id, "Merci Karim, à lundi.");

    browser = await launchBrowser();
    page = await (
      await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } })
    ).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("shows the conversations handled and each recruiter's first response and resolution times, humanely", async () => {
    await page.goto(`${app.url}/inbox`);
    await page.getByLabel("Adresse e-mail").fill(demoAccount.owner.email);
    await page.getByLabel("Mot de passe", { exact: true }).fill(demoAccount.owner.password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page
      .getByRole("navigation", { name: "Navigation principale" })
      .getByRole("link", { name: "Rapports" })
      .click();
    await page.getByRole("heading", { name: "Rapports", level: 1 }).waitFor();

    const handled = page.locator('[data-figure="handled"]');
    await expect.poll(async () => plain(await handled.textContent()), { timeout: PATIENCE_MS }).toBe("2");

    const table = page.getByRole("table").filter({ hasText: "Recruteur" });
    const row = (name: string) =>
      table.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
    // Salma answered Amina in 4 minutes and resolved her chat about 4 minutes after it opened;
    // Youssef answered Karim 2 h 05 after he wrote. Columns: handled, responses, first response
    // median and p90, resolutions, resolution median and p90.
    const cells = async (name: string) =>
      (await row(name).getByRole("cell").allTextContents()).map((text) => plain(text));
    await expect
      .poll(() => cells(demoAccount.owner.name), { timeout: PATIENCE_MS })
      .toEqual(["1", "1", "4 min", "4 min", "1", "4 min", "4 min"]);
    expect(await cells(demoAccount.recruiter.name)).toEqual(["1", "1", "2 h 05", "2 h 05", "0", "—", "—"]);

    // The weekly chart is there, its figures readable as a table too.
    await page
      .getByRole("table", { name: "Première réponse, semaine par semaine" })
      .waitFor({ state: "attached" });
    expect(await page.locator(".reports-chart rect").count()).toBe(16);
    await shoot("reports-fr.png");
  });

  it("fits a phone's width: the page, and every section of the navigation", async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    try {
      const nav = page.getByRole("navigation", { name: "Navigation principale" });
      await nav.getByRole("link", { name: "Rapports" }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const boxes = await nav.locator(".rail__button").evaluateAll((nodes) =>
        nodes.map((n) => {
          const box = n.getBoundingClientRect();
          return { left: box.left, right: box.right };
        }),
      );
      expect(boxes.length).toBeGreaterThanOrEqual(10);
      for (const box of boxes) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(360);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it("shows a recruiter their own figures only", async () => {
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
    const other = await context.newPage();
    await other.goto(`${app.url}/reports`);
    await other.getByLabel("Adresse e-mail").fill(demoAccount.recruiter.email);
    await other.getByLabel("Mot de passe", { exact: true }).fill(demoAccount.recruiter.password);
    await other.getByRole("button", { name: "Se connecter" }).click();
    await other.getByRole("heading", { name: "Rapports", level: 1 }).waitFor();
    await other.getByText("Vos propres chiffres", { exact: false }).waitFor({ timeout: PATIENCE_MS });
    const table = other.getByRole("table").filter({ hasText: "Recruteur" });
    await table.getByRole("rowheader", { name: demoAccount.recruiter.name }).waitFor();
    expect(await table.getByRole("rowheader").allTextContents()).toEqual([demoAccount.recruiter.name]);
    await context.close();
  });

  it("reads right to left in Arabic, the weeks of the chart too", async () => {
    await page.getByRole("button", { name: "Langue" }).click();
    await page.getByRole("button", { name: "العربية" }).click();
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    await page.getByRole("heading", { name: "التقارير", level: 1 }).waitFor();
    const table = page.getByRole("table").filter({ hasText: "المُوظِّف" });
    const recruiterRow = table
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: demoAccount.recruiter.name }) });
    await expect
      .poll(async () => plain(await recruiterRow.getByRole("cell").nth(2).textContent()), {
        timeout: PATIENCE_MS,
      })
      .toBe("2 س 05");
    // This week's bars are the last of the reading order: the leftmost in Arabic.
    const labels = page.locator(".reports-chart .costs-chart__label");
    const xs = await labels.evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute("x"))));
    expect(Number(await labels.last().getAttribute("x"))).toBe(Math.min(...xs));
    await shoot("reports-ar.png");
  });
});
