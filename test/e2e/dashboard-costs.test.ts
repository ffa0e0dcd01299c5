import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { buildConnection, buildContact, buildConversation, buildMessage } from "../support/rows";
import { eventually } from "../support/waiting";
import { messagesEnvelope, postWebhook } from "../support/webhooks";
import { browserSkipReason, launchBrowser } from "./support/browser";

/** Set to a folder to save the page's screenshots there. */
const screenshotDir = process.env.LJ_SCREENSHOT_DIR;
const marketing = { billable: true, pricing_model: "PMP", type: "regular", category: "marketing" };

// The costs page in the sandbox: charges priced from Meta's status webhooks, the month's total and
// the SMS comparison, grouped by recruiter, a budget set by the owner, and the banner that comes
// live when a delivery takes the month past it.
describe.skipIf(browserSkipReason)("dashboard: costs", () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let deliver: (count: number) => Promise<void>;

  async function shoot(name: string) {
    if (!screenshotDir) return;
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, name) });
  }

  beforeAll(async () => {
    app = await startAppServer();
    const { rows } = await app.app.database.query(
      "SELECT u.client_id, u.id FROM users u WHERE u.email = $1",
      [demoAccount.owner.email],
    );
    const clientId = String(rows[0]?.client_id);
    const ownerId = String(rows[0]?.id);
    const connection = await buildConnection(app.app, { clientId });
    const contact = await buildContact(app.app, { clientId, name: "Salma Bennani" });
    const conversation = await buildConversation(app.app, {
      clientId,
      connectionId: connection.id,
      contactId: contact.id,
    });
    let delivered = 0;
    deliver = async (count: number) => {
      const now = Math.floor(Date.now() / 1000);
      const sent = [];
      for (let i = 0; i < count; i++)
        sent.push(
          await buildMessage(app.app, {
            conversationId: conversation.id,
            direction: "outbound",
            type: "template",
            senderUserId: ownerId,
          }),
        );
      await postWebhook(
        app.app,
        messagesEnvelope(connection.phoneNumberId!, {
          statuses: sent.map((m) => ({
            id: m.wamid,
            status: "delivered",
            timestamp: String(now),
            recipient_id: contact.waId,
            pricing: marketing,
          })),
        }),
      );
      delivered += count;
      // The worker processes the delivery: wait for its charges.
      await eventually(async () => {
        const ledger = await app.app.database.query(
          "SELECT count(*)::int AS n FROM cost_ledger WHERE client_id = $1",
          [clientId],
        );
        return ledger.rows[0]?.n === delivered;
      });
    };
    await deliver(3);
    browser = await launchBrowser();
    page = await (
      await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } })
    ).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("shows the month's cost and the SMS comparison, grouped by recruiter, with the CSV of the same figures", async () => {
    await page.goto(`${app.url}/inbox`);
    await page.getByLabel("Adresse e-mail").fill(demoAccount.owner.email);
    await page.getByLabel("Mot de passe", { exact: true }).fill(demoAccount.owner.password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page
      .getByRole("navigation", { name: "Navigation principale" })
      .getByRole("link", { name: "Coûts" })
      .click();
    await page.getByRole("heading", { name: "Coûts", level: 1 }).waitFor();

    // 3 × USD 0.0225 × 9.00 = 0,61 MAD; 3 messages by SMS at 0,29 = 0,87 MAD (digits only: Intl output).
    const total = page.locator('[data-figure="total"]');
    await total.waitFor();
    expect((await total.textContent())?.replace(/\D/g, "")).toBe("061");
    expect((await page.locator('[data-figure="sms"]').textContent())?.replace(/\D/g, "")).toBe("087");
    await page.getByText("3 messages facturés").waitFor();

    await page.getByLabel("Regrouper par").selectOption("recruiter");
    const table = page.getByRole("table").filter({ hasText: "Recruteur" }).last();
    await table.getByRole("rowheader", { name: demoAccount.owner.name }).waitFor();
    const csv = await page.getByRole("link", { name: "Exporter en CSV" }).getAttribute("href");
    expect(csv).toMatch(
      /^\/api\/costs\/export\?month=&?groupBy=recruiter|^\/api\/costs\/export\?groupBy=recruiter/,
    );
    const exported = await page.evaluate(async (url) => (await fetch(url)).text(), csv!);
    expect(exported).toContain(`,recruiter,`);
    expect(exported.trim().split("\r\n").at(-1)).toMatch(/,total,,0\.61,3,0,0,0\.87$/);
  });

  it("lets the owner set a budget, and warns live when a delivery takes the month past it", async () => {
    const budget = page.getByRole("region", { name: "Budget mensuel" });
    await budget.getByLabel("Budget mensuel (MAD)").fill("0.7");
    await budget.getByRole("button", { name: "Enregistrer le budget" }).click();
    await budget.getByText("Plus de 80\u202f% dépensés").waitFor();
    await shoot("costs-fr.png");

    await deliver(1);
    await page.getByRole("status").filter({ hasText: "Budget du mois dépensé" }).waitFor();
    await budget.getByText("Budget dépensé").waitFor();
    await budget.getByLabel("Budget mensuel (MAD)").fill("100");
    await budget.getByRole("button", { name: "Enregistrer le budget" }).click();
    await budget.getByText("Dans le budget").waitFor();
  });

  it("reads right to left in Arabic, the months of the chart too", async () => {
    await page.getByRole("button", { name: "Langue" }).click();
    await page.getByRole("button", { name: "العربية" }).click();
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    await page.getByRole("heading", { name: "التكاليف", level: 1 }).waitFor();
    await page.getByRole("table", { name: "آخر 12 شهرًا" }).waitFor({ state: "attached" });
    // The current month's bar is the last of the reading order: the leftmost in Arabic.
    const labels = page.locator(".costs-chart__label");
    const month = String(new Date().getUTCMonth() + 1).padStart(2, "0");
    const current = labels.filter({ hasText: new RegExp(`^${month}$`) });
    const xs = await labels.evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute("x"))));
    expect(Number(await current.getAttribute("x"))).toBe(Math.min(...xs));
    await shoot("costs-ar.png");
  });
});
