import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instantToWallTimeWithSeconds } from "../../src/contracts/time-zone";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber, eventually } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

/** 48 sends through the paced pipeline, webhooks and polling, on a busy machine. */
const LIVE = PATIENCE_MS;
const TEST_TIMEOUT = TEST_BUDGET_MS;
/** Set to a folder to save the page's screenshots there. */
const screenshotDir = process.env.LJ_SCREENSHOT_DIR;

/** The candidate who already answered STOP (first row of the file). */
const STOPPED = "212611221010";
/** The candidate who answers the campaign. */
const REPLYING = "212611221013";

/**
 * 20 rows as a recruiter exports them from French Excel: `;`, Windows-1252 accents, French headers
 * in the recruiter's own order, local numbers; one who said STOP, one bad number, one without a number.
 */
function candidatesCsv(): Buffer {
  const lines = ["telephone;prenom;poste;ville"];
  for (let i = 0; i < 18; i++) {
    const phone = `06 11 22 1${Math.floor(i / 10)} ${String(10 + (i % 10) * 3).padStart(2, "0")}`;
    lines.push(`${phone};Candidat${i + 1};"opérateur; de production";Kénitra`);
  }
  lines.push("12345;Mauvais;opérateur;Kénitra");
  lines.push(";Sans numéro;opérateur;Kénitra");
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "latin1");
}

/** The client's wall clock `seconds` from now, as the schedule field takes it (Africa/Casablanca). */
function wallClockIn(seconds: number): string {
  return instantToWallTimeWithSeconds(Date.now() + seconds * 1000, "Africa/Casablanca");
}

// Bulk messaging in the sandbox: a CSV of 50 candidates (one who said STOP, one bad number) for the
// job_opportunity template, the estimate before sending, the send, and its progress moving live.
describe.skipIf(browserSkipReason)("dashboard: bulk messaging", () => {
  let app: AppServer;
  let session: Caller;
  let browser: Browser;
  let page: Page;
  let phoneNumberId: string;

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
    phoneNumberId = connection.phoneNumberId ?? "";
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
    await loginThroughPage(page, app.url, "/inbox", demoAccount.owner);
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "maps a French-headed CSV, previews three messages, says 17 ready and 3 left out with their reasons",
    async () => {
      await page
        .getByRole("navigation", { name: "Navigation principale" })
        .getByRole("link", { name: "Campagnes" })
        .click();
      await page.waitForURL(`${app.url}/campaigns`);
      await page.getByRole("heading", { name: "Campagnes", level: 1 }).waitFor();
      await page.getByText("Aucune campagne pour l’instant.").waitFor();

      await page.getByLabel("Nom de la campagne").fill("Opérateurs Kénitra");
      const template = page.getByLabel("Modèle", { exact: true });
      await template.locator("option", { hasText: "Offre d’emploi" }).first().waitFor({ state: "attached" });
      await template.selectOption("job_opportunity:fr");

      await page.locator('input[type="file"]').setInputFiles({
        name: "candidats.csv",
        mimeType: "text/csv",
        buffer: candidatesCsv(),
      });
      await page.getByText(/20 lignes lues · séparateur «\u202f;\u202f» · WINDOWS-1252/).waitFor();
      // The French headers are mapped: the first name gives both the name and {{1}}.
      const mapping = page.getByRole("table", { name: "Colonnes du fichier" });
      expect(await mapping.getByLabel("Numéro de téléphone").inputValue()).toBe("h:telephone");
      expect(await mapping.getByLabel("Nom du candidat").inputValue()).toBe("h:prenom");
      expect(await mapping.getByLabel("Variable {{1}}").inputValue()).toBe("h:prenom");
      expect(await mapping.getByLabel("Variable {{2}}").inputValue()).toBe("h:poste");
      expect(await mapping.getByLabel("Variable {{3}}").inputValue()).toBe("h:ville");
      // Three personalised previews, from the file's first rows.
      for (const name of ["Candidat1", "Candidat2", "Candidat3"])
        await page.locator(".campaign-preview__bubble", { hasText: `Bonjour ${name},` }).waitFor();
      await page
        .locator(".campaign-preview__bubble", { hasText: "opérateur; de production à Kénitra" })
        .first()
        .waitFor();

      await page.getByRole("button", { name: "Estimer" }).click();
      const estimate = page.getByRole("region", { name: "Vérification" });
      await estimate.waitFor();
      await estimate.getByText("17 candidats prêts, 3 écartés").waitFor();
      expect(await figure("sendable").textContent()).toBe("17");
      const dropped = estimate.getByRole("table", { name: "Lignes écartées" });
      expect(await dropped.getByRole("row").count()).toBe(4);
      const reasons = (await dropped.getByRole("row").allTextContents()).slice(1).join(" | ");
      expect(reasons).toMatch(/désinscrit \(STOP\)/);
      // "12345" is too short for a Moroccan number: said as such, not as a missing country code.
      expect(reasons).toMatch(/numéro trop court/);
      expect(reasons).toMatch(/numéro manquant/);
      await estimate.scrollIntoViewIfNeeded();
      await shoot("campaign-estimate-fr.png");
    },
    TEST_TIMEOUT,
  );

  it(
    "schedules it a few seconds ahead, pauses, resumes, and shows each candidate's result with a reply",
    async () => {
      await page.getByRole("button", { name: "Envoyer à 17 candidats" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Confirmer l’envoi" });
      await confirm.getByLabel("Programmer l’envoi").check();
      await confirm.getByLabel("Date et heure (Africa/Casablanca)").fill(wallClockIn(45));
      await confirm.getByRole("button", { name: "Programmer", exact: true }).click();

      const progress = page.getByRole("region", { name: /Suivi · Opérateurs Kénitra/ });
      await progress.waitFor();
      await progress.locator('[data-state="scheduled"]').waitFor();
      await progress.getByText(/Démarre le/).waitFor();
      await progress.getByRole("button", { name: "Mettre en pause" }).click();
      await progress.locator('[data-state="paused"]').waitFor();
      expect(await counter("sent")).toBe(0);
      await progress.getByRole("button", { name: "Reprendre" }).click();
      // Back to its schedule, then sending at its time (live: the page is told by the server).
      await progress
        .locator('[data-state="scheduled"], [data-state="sending"], [data-state="finished"]')
        .first()
        .waitFor();
      await progress.locator('[data-state="finished"]').waitFor({ timeout: LIVE });
      await eventually(async () => (await counter("sent")) === 17, LIVE);

      // A candidate answers: the funnel and their row say so.
      const reply = await app.app.inject({
        method: "POST",
        url: "/simulator/control/inbound",
        payload: { phoneNumberId, from: REPLYING, type: "text", text: { body: "Oui, je suis intéressé" } },
      });
      expect(reply.statusCode, reply.body).toBeLessThan(300);
      await eventually(async () => (await counter("replied")) === 1, LIVE);
      await eventually(async () => (await counter("read")) >= 1, LIVE);
      const results = progress.getByRole("table", { name: "Résultats par candidat" });
      await results.locator('tr[data-stage="replied"]', { hasText: "Candidat2" }).waitFor({ timeout: LIVE });
      expect(await results.locator('tr[data-stage="not_sent"]').count()).toBe(3);
      // Each message counts at every stage it passed: sent ≥ delivered ≥ read ≥ replied.
      const funnel = [
        await counter("sent"),
        await counter("delivered"),
        await counter("read"),
        await counter("replied"),
      ];
      expect(funnel).toEqual([...funnel].sort((a, b) => b - a));
      await progress.scrollIntoViewIfNeeded();
      await shoot("campaign-results-fr.png");
    },
    TEST_TIMEOUT,
  );
});
