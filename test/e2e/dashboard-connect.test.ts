import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, clickAndClose, launchBrowser, loginThroughPage } from "./support/browser";

const CASABLANCA = "+212 6 61 23 45 67";
const RABAT = "+212 6 62 34 56 78";
/** A dialog walk and an onboarding on a busy machine (CI runs test files in parallel). */
const DIALOG_TIMEOUT = TEST_BUDGET_MS;
/** Set to a folder to save the page's screenshots there (French and Arabic). */
const screenshotDir = process.env.LJ_SCREENSHOT_DIR;

interface ConnectionJson {
  id: string;
  state: string;
  displayPhoneNumber: string | null;
}

// The sandbox newcomer's path: Connect WhatsApp in the dashboard, finish the simulated Embedded Signup
// in its popup, watch the number become active; cancel; a number that needs its PIN; disconnect.
describe.skipIf(browserSkipReason)("dashboard: connect WhatsApp through Embedded Signup", () => {
  let app: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startAppServer();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await loginThroughPage(page, app.url, "/connections", demoAccount.owner);
    await page.getByRole("heading", { name: "Connexions", level: 1 }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const connections = async (): Promise<ConnectionJson[]> => {
    const response = await page.request.get(`${app.url}/api/connections`);
    return ((await response.json()) as { connections: ConnectionJson[] }).connections;
  };

  /** A tall viewport first: only the page column scrolls, so a full-page shot would cut it. */
  async function shoot(name: string) {
    if (!screenshotDir) return;
    mkdirSync(screenshotDir, { recursive: true });
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.screenshot({ path: join(screenshotDir, name) });
    if (viewport) await page.setViewportSize(viewport);
  }

  const card = (number: string): Locator => page.getByRole("article", { name: number });

  /** Clicks a connect button and walks the simulated dialog up to the WhatsApp account screen. */
  async function openDialog(button: string): Promise<Page> {
    const [popup] = await Promise.all([
      page.waitForEvent("popup"),
      page.getByRole("button", { name: button, exact: true }).click(),
    ]);
    await popup.waitForLoadState();
    await popup.getByRole("button", { name: /Continuer en tant que Salma/ }).click();
    await popup.getByLabel(/LinkoJob Démo Recrutement/).check();
    await popup.getByRole("button", { name: "Suivant" }).click();
    await popup.getByRole("heading", { name: /compte WhatsApp Business/ }).waitFor();
    return popup;
  }

  /** Picks the number, keeps its display name, grants the permissions and finishes. */
  async function finishDialog(popup: Page, number: string) {
    await popup.getByLabel(/^LinkoJob Démo/).check();
    await popup.getByRole("button", { name: "Suivant" }).click();
    await popup.getByLabel(new RegExp(number.replace(/[+]/g, "\\+"))).check();
    await popup.getByRole("button", { name: "Suivant" }).click();
    await popup.getByLabel("Nom affiché").waitFor();
    await popup.getByRole("button", { name: "Suivant" }).click();
    await popup.getByRole("button", { name: "Confirmer" }).click();
    await popup.getByRole("heading", { name: "Compte connecté" }).waitFor();
    await clickAndClose(popup, "Terminer");
  }

  it(
    "says it is the built-in simulator, with a link to the candidate phone",
    async () => {
      const notice = page.getByRole("complementary", { name: "Simulateur intégré" });
      await notice.waitFor();
      expect(await notice.getByRole("link").getAttribute("href")).toBe("/simulator/phone");
      // The redirect fallback is a real link to Meta's (here the simulator's) OAuth dialog, with a state.
      const redirect = page.getByRole("link", { name: "Utiliser la redirection à la place" });
      expect(await redirect.getAttribute("href")).toMatch(/\/dialog\/oauth\?.*state=/);
    },
    DIALOG_TIMEOUT,
  );

  it(
    "cancelled in the dialog: the page says so and nothing is connected",
    async () => {
      const popup = await openDialog("Connecter WhatsApp");
      await clickAndClose(popup, "Annuler");

      const status = page.getByRole("status").filter({ hasText: "Connexion annulée" });
      await status.waitFor();
      expect(await status.textContent()).toContain("Aucun numéro n’a été connecté.");
      // Meta's step, in words.
      expect(await status.textContent()).toContain("choix du compte WhatsApp Business");
      await page.getByRole("heading", { name: "Connectez WhatsApp pour commencer" }).waitFor();
      expect(await connections()).toEqual([]);
    },
    DIALOG_TIMEOUT,
  );

  it(
    "connects the Casablanca number: its steps are followed until it is active, with its health",
    async () => {
      const polls: string[] = [];
      const onRequest = (request: { url(): string }) => {
        if (/\/api\/connections\/[0-9a-f-]{36}$/.test(request.url())) polls.push(request.url());
      };
      page.on("request", onRequest);
      const popup = await openDialog("Connecter WhatsApp");
      await finishDialog(popup, CASABLANCA);

      const casablanca = card(CASABLANCA);
      await casablanca.waitFor();
      await casablanca.locator(".connection__state", { hasText: "Actif" }).waitFor();
      expect(await casablanca.getByRole("heading", { level: 2 }).textContent()).toBe(CASABLANCA);
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(CASABLANCA);
      expect(await casablanca.textContent()).toContain("LinkoJob Démo");
      expect(await casablanca.textContent()).toContain("Élevée");
      await page.getByRole("status").filter({ hasText: "est connecté" }).waitFor();
      page.off("request", onRequest);
      // While it was onboarding, the page asked for its steps (every second) until it was active.
      expect(polls.length).toBeGreaterThan(0);
      expect((await connections()).map((c) => [c.displayPhoneNumber, c.state])).toEqual([
        [CASABLANCA, "active"],
      ]);

      // The shell reads the client's numbers: the inbox header now shows this one.
      await page
        .getByRole("navigation", { name: "Navigation principale" })
        .getByRole("link", { name: "Boîte de réception" })
        .click();
      await page.getByRole("navigation", { name: "Conversations" }).getByText(CASABLANCA).waitFor();
      await page
        .getByRole("navigation", { name: "Navigation principale" })
        .getByRole("link", { name: "Connexions" })
        .click();
      await card(CASABLANCA).waitFor();
    },
    DIALOG_TIMEOUT,
  );

  it(
    "connects the Rabat number, which already has a PIN: asks for it, then it is active",
    async () => {
      const popup = await openDialog("Connecter un autre numéro");
      await finishDialog(popup, RABAT);

      const rabat = card(RABAT);
      const form = rabat.getByRole("form", { name: "Code PIN de vérification en deux étapes" });
      await form.waitFor();
      expect(await rabat.locator(".connection__state").textContent()).toContain("Échec");
      expect(await form.textContent()).toContain("Gestionnaire WhatsApp");
      // The stepper shows where it stopped, in words.
      const register = rabat.getByRole("listitem").filter({ hasText: "Enregistrement" });
      expect(await register.textContent()).toContain("Échec");
      expect(await rabat.getByRole("listitem").filter({ hasText: "Webhooks" }).textContent()).toContain(
        "Terminé",
      );
      await shoot("connections-pin-fr.png");

      const pin = form.getByLabel("Code PIN à 6 chiffres");
      await pin.fill("2468");
      await form.getByRole("button", { name: "Terminer avec ce code" }).click();
      await form.getByText("Saisissez les 6 chiffres du code PIN.").waitFor();

      await pin.fill("246810");
      await form.getByRole("button", { name: "Terminer avec ce code" }).click();
      await rabat.locator(".connection__state", { hasText: "Actif" }).waitFor();
      expect(await rabat.getByRole("form").count()).toBe(0);
      const states = Object.fromEntries((await connections()).map((c) => [c.displayPhoneNumber, c.state]));
      expect(states).toEqual({ [CASABLANCA]: "active", [RABAT]: "active" });
      // Both numbers of the demo business share its portfolio's messaging limit, and each card says so.
      for (const number of [CASABLANCA, RABAT]) {
        const limit = card(number).locator(".connection__fact").filter({ hasText: "Limite du portefeuille" });
        await expect
          .poll(async () => (await limit.textContent()) ?? "", { timeout: PATIENCE_MS })
          .toMatch(/2\D?000\spersonnes\s\/\s24\sh\s\(partagée par 2 numéros\)/);
      }
    },
    DIALOG_TIMEOUT,
  );

  it(
    "disconnects after confirming that history stays readable",
    async () => {
      await card(CASABLANCA)
        .getByRole("button", { name: `Déconnecter ${CASABLANCA}` })
        .click();
      const confirm = page.getByRole("alertdialog", { name: /Déconnecter/ });
      expect(await confirm.textContent()).toContain("restent lisibles");
      await confirm.getByRole("button", { name: "Déconnecter" }).click();
      await confirm.waitFor({ state: "detached" });

      const past = page.getByRole("region", { name: "Numéros déconnectés" });
      await past
        .getByRole("article", { name: CASABLANCA })
        .locator(".connection__state", { hasText: "Déconnecté" })
        .waitFor();
      // The button is gone with the card's move: focus lands on the number, not on the page's body.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(CASABLANCA);
      const states = Object.fromEntries((await connections()).map((c) => [c.displayPhoneNumber, c.state]));
      expect(states).toEqual({ [CASABLANCA]: "disconnected", [RABAT]: "active" });
    },
    DIALOG_TIMEOUT,
  );

  it(
    "renders in French and in Arabic, right to left",
    async () => {
      await shoot("connections-fr.png");
      await page.getByRole("button", { name: "Langue" }).click();
      await page.getByRole("button", { name: "العربية" }).click();
      await page.waitForSelector("html[dir=rtl][lang=ar]");
      await page.getByRole("heading", { name: "الاتصالات", level: 1 }).waitFor();
      await card(RABAT).getByText("نشط", { exact: true }).waitFor();
      await page.getByRole("region", { name: "أرقام مقطوعة الربط" }).waitFor();
      await shoot("connections-ar.png");
    },
    DIALOG_TIMEOUT,
  );

  // The redirect flow carries no session data: the server takes the shared account's first number,
  // Casablanca, which this client had before, so it comes back as the same connection.
  it(
    "reconnects the disconnected number through the redirect instead: same connection, active again",
    async () => {
      const before = (await connections()).find((c) => c.displayPhoneNumber === CASABLANCA);
      await page.getByRole("link", { name: "استخدام إعادة التوجيه بدلًا من ذلك" }).click();
      await page.waitForURL(/\/dialog\/oauth\?/);
      await page.getByRole("button", { name: /Continuer en tant que/ }).click();
      await page.getByLabel(/LinkoJob Démo Recrutement/).check();
      await page.getByRole("button", { name: "Suivant" }).click();
      await page.getByLabel(/^LinkoJob Démo/).check();
      await page.getByRole("button", { name: "Suivant" }).click();
      await page.getByLabel(/\+212 6 61 23 45 67/).check();
      await page.getByRole("button", { name: "Suivant" }).click();
      await page.getByLabel("Nom affiché").waitFor();
      await page.getByRole("button", { name: "Suivant" }).click();
      await page.getByRole("button", { name: "Confirmer" }).click();
      await page.getByRole("button", { name: "Terminer" }).click();

      // Back from the server's callback: the address is cleaned, the number is back among the current ones.
      await page.waitForURL(`${app.url}/connections`);
      const casablanca = page
        .getByRole("region", { name: "الاتصالات" })
        .getByRole("article", { name: CASABLANCA });
      await casablanca.locator(".connection__state--active").waitFor();
      await page.getByRole("status").filter({ hasText: "مربوط" }).waitFor();
      const after = (await connections()).find((c) => c.displayPhoneNumber === CASABLANCA);
      expect(after).toMatchObject({ id: before?.id, state: "active" });
      expect(await page.getByRole("region", { name: "أرقام مقطوعة الربط" }).count()).toBe(0);
    },
    DIALOG_TIMEOUT,
  );
});
