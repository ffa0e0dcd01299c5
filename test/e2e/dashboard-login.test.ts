import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { browserSkipReason, launchBrowser } from "./support/browser";

// One browser session walks the newcomer's first minute: a typo, a login, the shell, Arabic, logout.
describe.skipIf(browserSkipReason)("dashboard: login, shell, language, logout", () => {
  let app: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startAppServer();
    browser = await launchBrowser();
    // A French browser: the login page must speak French before anyone is known.
    context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function fillLogin(password: string) {
    await page.getByLabel("Adresse e-mail").fill(demoAccount.owner.email);
    await page.getByLabel("Mot de passe", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Se connecter" }).click();
  }

  it("sends a logged-out visitor to the login page and explains a wrong password", async () => {
    await page.goto(`${app.url}/inbox`);
    await page.waitForURL(`${app.url}/login?next=%2Finbox`);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");

    await fillLogin("not-the-password");
    const alert = page.getByRole("alert").filter({ hasText: "incorrect" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Adresse e-mail ou mot de passe incorrect.");
    expect(page.url()).toContain("/login");
  });

  it("logs in and shows the shell with the client's name and the empty inbox", async () => {
    await fillLogin(demoAccount.owner.password);
    await page.waitForURL(`${app.url}/inbox`);
    const list = page.getByRole("navigation", { name: "Conversations" });
    await list.getByText(demoAccount.clientName).waitFor();
    // No number connected yet: the call to action leads to the connections page.
    expect(await list.getByRole("link", { name: "Connecter WhatsApp" }).first().getAttribute("href")).toBe(
      "/connections",
    );
    await page.getByRole("heading", { name: "Sélectionnez une conversation" }).waitFor();
    const nav = page.getByRole("navigation", { name: "Navigation principale" });
    for (const label of ["Boîte de réception", "Connexions", "Modèles", "Équipe", "Paramètres"]) {
      expect(await nav.getByRole("link", { name: label }).count()).toBe(1);
    }
  });

  it("switches to Arabic: the whole document turns right-to-left, and the choice is saved", async () => {
    await page.getByRole("button", { name: "Langue" }).click();
    const saved = page.waitForResponse(
      (response) => response.url().endsWith("/api/auth/me") && response.request().method() === "PATCH",
    );
    await page.getByRole("button", { name: "العربية" }).click();
    await page.waitForSelector("html[dir=rtl][lang=ar]");
    expect((await saved).status()).toBe(200);
    await page.getByRole("heading", { name: "اختر محادثة" }).waitFor();

    // The locale belongs to the user, not to the tab: a reload comes back in Arabic.
    await page.reload();
    await page.waitForSelector("html[dir=rtl][lang=ar]");
    await page.getByRole("navigation", { name: "المحادثات" }).getByText(demoAccount.clientName).waitFor();
  });

  it("logs out back to the login page, and the session is gone", async () => {
    await page.getByRole("button", { name: "حسابي" }).click();
    await page.getByRole("button", { name: "تسجيل الخروج" }).click();
    await page.waitForURL(`${app.url}/login`);
    await page.getByRole("heading", { name: "تسجيل الدخول" }).waitFor();

    const session = await page.request.get(`${app.url}/api/auth/session`);
    expect(session.status()).toBe(401);
    await page.goto(`${app.url}/team`);
    await page.waitForURL(`${app.url}/login?next=%2Fteam`);
  });
});

// The two other failures a login form must put into words: too many attempts, and no network.
describe.skipIf(browserSkipReason)("dashboard: login failures in words", () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startAppServer({ LOGIN_RATE_LIMIT_PER_15_MIN: "2" });
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "fr-FR" });
    page = await context.newPage();
    await page.goto(`${app.url}/login`);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function submit(password: string) {
    await page.getByLabel("Adresse e-mail").fill(demoAccount.owner.email);
    await page.getByLabel("Mot de passe", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Se connecter" }).click();
  }

  it("says when the server cannot be reached", async () => {
    await page.route("**/api/auth/login", (route) => route.abort("connectionrefused"));
    await submit("whatever-password");
    await page.getByRole("alert").filter({ hasText: "Impossible de joindre le serveur" }).waitFor();
    await page.unroute("**/api/auth/login");
  });

  it("says how long to wait once login attempts are rate limited", async () => {
    let limited = false;
    for (let attempt = 0; attempt < 4 && !limited; attempt += 1) {
      const answer = page.waitForResponse((response) => response.url().endsWith("/api/auth/login"));
      await submit(`wrong-password-${attempt}`);
      limited = (await answer).status() === 429;
    }
    expect(limited).toBe(true);
    const alert = page.getByRole("alert").filter({ hasText: "Trop de tentatives" });
    await alert.waitFor();
    // The wait comes from Retry-After, formatted by Intl ("15 minutes", "30 secondes"…).
    expect(await alert.textContent()).toMatch(/Réessayez dans \d+\s(minute|seconde)s?\./);
  });
});
