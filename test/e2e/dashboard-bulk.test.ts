import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber, eventually } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser } from "./support/browser";

/** 48 sends through the paced pipeline, webhooks and polling, on a busy machine. */
const LIVE = PATIENCE_MS;
const TEST_TIMEOUT = TEST_BUDGET_MS;
/** Set to a folder to save the page's screenshots there. */
const screenshotDir = process.env.LJ_SCREENSHOT_DIR;

/** What the progress page showed, in order, as the page itself recorded it. */
interface ProgressShown {
  __progressShown: { reached: number; queued: number }[];
}

/** The candidate who already answered STOP (first row of the file). */
const STOPPED = "212611221010";

/** 50 candidates as a recruiter exports them: French Excel (`;`), local numbers, quoted names. */
function candidatesCsv(): string {
  const lines = ["phone;name;1;2;3"];
  for (let i = 0; i < 49; i++) {
    const phone = `06 11 22 ${String(10 + Math.floor(i / 10)).padStart(2, "0")} ${String(10 + (i % 10) * 3).padStart(2, "0")}`;
    const first = `Candidat${i + 1}`;
    lines.push(`${phone};"${first} El Amrani";${first};"opérateur; de production";Kénitra`);
  }
  lines.push(`12345;Mauvais Numéro;Mauvais;opérateur;Kénitra`);
  return `${lines.join("\r\n")}\r\n`;
}

// Bulk messaging in the sandbox: a CSV of 50 candidates (one who said STOP, one bad number) for the
// job_opportunity template, the estimate before sending, the send, and its progress moving live.
describe.skipIf(browserSkipReason)("dashboard: bulk messaging", () => {
  let app: AppServer;
  let session: Caller;
  let browser: Browser;
  let page: Page;

  async function shoot(name: string) {
    if (!screenshotDir) return;
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, name) });
  }

  const figure = (name: string): Locator => page.locator(`[data-figure="${name}"] dd`).first();
  const counter = async (name: string): Promise<number> =>
    Number((await page.locator(`[data-counter="${name}"] dd`).textContent())?.replace(/\D/g, ""));
  beforeAll(async () => {
    app = await startAppServer();
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca");
    expect(connection.state).toBe("active");
    await eventually(async () => (await session.get("/api/templates")).json().templates.length > 0);

    // One of the candidates already asked to stop receiving messages.
    const stop = await app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: {
        phoneNumberId: connection.phoneNumberId,
        from: STOPPED,
        type: "text",
        text: { body: "STOP" },
      },
    });
    expect(stop.statusCode, stop.body).toBeLessThan(300);
    await eventually(
      async () =>
        (await session.get("/api/conversations?filter=opted_out")).json().conversations.length === 1,
    );

    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 1000 } });
    page = await context.newPage();
    await page.goto(`${app.url}/inbox`);
    await page.getByLabel("Adresse e-mail").fill(demoAccount.owner.email);
    await page.getByLabel("Mot de passe", { exact: true }).fill(demoAccount.owner.password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${app.url}/inbox`);
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "estimates a CSV of 50 candidates: 48 to send, the opted-out one excluded, the bad number named, the cost",
    async () => {
      await page
        .getByRole("navigation", { name: "Navigation principale" })
        .getByRole("link", { name: "Campagnes" })
        .click();
      await page.waitForURL(`${app.url}/campaigns`);
      await page.getByRole("heading", { name: "Campagnes", level: 1 }).waitFor();
      await page.getByRole("heading", { name: "Campagnes envoyées" }).waitFor();
      await page.getByText("Aucune campagne pour l’instant.").waitFor();

      await page.getByLabel("Nom de la campagne").fill("Opérateurs Kénitra");
      const template = page.getByLabel("Modèle", { exact: true });
      await template.locator("option", { hasText: "Offre d’emploi" }).first().waitFor({ state: "attached" });
      await template.selectOption("job_opportunity:fr");
      // The preview shows the template's text before any row is given.
      await page
        .getByText(/nous avons une opportunité de/)
        .first()
        .waitFor();

      await page.locator('input[type="file"]').setInputFiles({
        name: "candidats.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(candidatesCsv(), "utf8"),
      });
      await page.getByText("50 candidats prêts").waitFor();
      // The previews use the file's first rows.
      await page.getByText("Candidat2 El Amrani", { exact: true }).waitFor();

      await page.getByRole("button", { name: "Estimer" }).click();
      const estimate = page.getByRole("region", { name: "Vérification" });
      await estimate.waitFor();
      expect(await figure("sendable").textContent()).toBe("48");
      expect(await figure("excluded").textContent()).toBe("1");
      expect(await figure("invalid").textContent()).toBe("1");
      expect(await figure("billable").textContent()).toBe("48");
      // 48 × 0.2025 MAD (the shipped card: Morocco marketing USD 0.0225 at 9.00 MAD), and the SMS
      // price beside it (Intl output: compare the digits only).
      expect((await figure("cost").textContent())?.replace(/\D/g, "")).toBe("972");
      expect((await figure("sms").textContent())?.replace(/\D/g, "")).toMatch(/^\d+$/);
      await estimate.getByText(/Désinscrits\u00a0: ils ont répondu STOP/).waitFor();
      await estimate.getByText("Catégorie · Marketing").waitFor();
      await estimate.getByText(/toujours facturés/).waitFor();
      const invalid = estimate.getByRole("table", { name: "Lignes refusées par le serveur" });
      const refused = invalid.getByRole("row").nth(1);
      expect(await refused.getByRole("cell").nth(0).textContent()).toBe("51");
      expect(await refused.getByRole("cell").nth(1).textContent()).toBe("12345");
      expect(await refused.getByRole("cell").nth(2).textContent()).toMatch(/numéro invalide/);

      await estimate.scrollIntoViewIfNeeded();
      await shoot("campaign-estimate-fr.png");
    },
    TEST_TIMEOUT,
  );

  it(
    "sends after a confirmation and shows the progress live up to 48 sent, with no failure",
    async () => {
      // The page records every state its counters show: samples taken from here could all come
      // after the worker's 48 sends (about a second) on a loaded machine, and miss the progress.
      await page.evaluate(() => {
        const shown: ProgressShown["__progressShown"] = [];
        Object.assign(window, { __progressShown: shown });
        const count = (name: string) =>
          Number(document.querySelector(`[data-counter="${name}"] dd`)?.textContent?.replace(/\D/g, "") ?? 0);
        new MutationObserver(() => {
          if (!document.querySelector("[data-counter]")) return;
          const state = {
            reached: count("sent") + count("delivered") + count("read"),
            queued: count("queued"),
          };
          const last = shown.at(-1);
          if (last?.reached !== state.reached || last.queued !== state.queued) shown.push(state);
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      await page.getByRole("button", { name: "Envoyer à 48 candidats" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Confirmer l’envoi" });
      await confirm.getByText(/48 candidats/).waitFor();
      await confirm.getByRole("button", { name: "Envoyer maintenant" }).click();

      const progress = page.getByRole("region", { name: /Suivi · Opérateurs Kénitra/ });
      await progress.waitFor();
      // The counters only move forward while the worker sends, and end at 48.
      await page.waitForFunction(
        () => {
          const last = (window as unknown as ProgressShown).__progressShown.at(-1);
          return last !== undefined && last.reached >= 48 && last.queued === 0;
        },
        undefined,
        { timeout: LIVE },
      );
      const seen = (await page.evaluate(() => (window as unknown as ProgressShown).__progressShown)).map(
        (state) => state.reached,
      );
      expect(seen[0]).toBeLessThan(48);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(await counter("failed")).toBe(0);
      await progress
        .getByRole("status")
        .getByText(/Envoi terminé\u00a0: 48 envoyés, 0 en échec/)
        .waitFor();
      // Only the two rows never sent are listed, each with its reason.
      await progress.getByText("Non envoyés (2)").waitFor();
      await progress.getByText("désinscrit (STOP)").waitFor();
      await progress.getByText(/^numéro invalide/).waitFor();
      // Delivered and read ticks keep arriving after the sends.
      await eventually(async () => (await counter("delivered")) + (await counter("read")) > 0, LIVE);
      await shoot("campaign-fr.png");

      // The campaign is listed with its reach.
      const past = page.getByRole("region", { name: "Campagnes envoyées" });
      const row = past.getByRole("row", { name: /Opérateurs Kénitra/ });
      await row.waitFor();
      expect(await row.textContent()).toMatch(/48 envoyés · 0 échec/);
    },
    TEST_TIMEOUT,
  );
});
