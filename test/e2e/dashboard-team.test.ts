import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { browserSkipReason, launchBrowser } from "./support/browser";

// An owner runs the team page end to end; then a recruiter sees the same page without controls.
describe.skipIf(browserSkipReason)("dashboard: team and API keys", () => {
  let app: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startAppServer();
    browser = await launchBrowser();
    context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function login(email: string) {
    await page.goto(`${app.url}/team`);
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByLabel("Mot de passe", { exact: true }).fill(demoAccount.owner.password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${app.url}/team`);
    await page.getByRole("heading", { name: "Équipe" }).waitFor();
  }

  it("adds a user, checking the password length first", async () => {
    await login(demoAccount.owner.email);
    await page.getByRole("button", { name: "Ajouter un utilisateur" }).click();
    const dialog = page.getByRole("dialog", { name: "Ajouter un utilisateur" });
    await dialog.getByLabel("Nom complet").fill("Karim Idrissi");
    await dialog.getByLabel("Adresse e-mail").fill("karim@demo.linkojob.ma");
    await dialog.getByLabel("Mot de passe initial").fill("short");
    await dialog.getByRole("button", { name: "Créer l’utilisateur" }).click();
    await dialog.getByText("Le mot de passe doit contenir au moins 10 caractères.").waitFor();

    await dialog.getByLabel("Mot de passe initial").fill("a-long-enough-password");
    await dialog.getByRole("button", { name: "Créer l’utilisateur" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByRole("cell", { name: /karim@demo.linkojob.ma/ }).waitFor();
  });

  it("changes the new user's role, disables them after confirmation and enables them again", async () => {
    const saved = page.waitForResponse(
      (r) => r.request().method() === "PATCH" && r.url().includes("/api/users/"),
    );
    await page.getByLabel("Rôle de Karim Idrissi").selectOption("admin");
    expect((await saved).status()).toBe(200);

    await page.getByRole("button", { name: "Désactiver Karim Idrissi" }).click();
    const confirm = page.getByRole("alertdialog", { name: /Désactiver Karim Idrissi/ });
    await confirm.getByRole("button", { name: "Désactiver" }).click();
    await page.getByRole("button", { name: "Réactiver Karim Idrissi" }).click();
    await page.getByRole("button", { name: "Désactiver Karim Idrissi" }).waitFor();
  });

  it("creates an API key and shows its secret once, with a working copy button", async () => {
    await page.getByRole("button", { name: "Créer une clé" }).click();
    const form = page.getByRole("dialog", { name: "Créer une clé API" });
    await form.getByRole("button", { name: "Créer la clé" }).click();
    await form.getByText("Cochez au moins un droit.").waitFor();
    await form.getByLabel("Nom de la clé").fill("Serveur LinkoJob");
    await form.getByLabel("Envoyer des messages").check();
    await form.getByRole("button", { name: "Créer la clé" }).click();

    const reveal = page.getByRole("dialog", { name: "Copiez votre clé maintenant" });
    const secret = await reveal.getByLabel(/Clé secrète/).inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await reveal.getByRole("button", { name: "Copier la clé" }).click();
    await reveal.getByRole("button", { name: "Clé copiée" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    // Esc must not lose an unsaved secret: only the explicit button closes it.
    await page.keyboard.press("Escape");
    expect(await reveal.isVisible()).toBe(true);
    await reveal.getByRole("button", { name: "J’ai copié la clé" }).click();

    const row = page.getByRole("row", { name: /Serveur LinkoJob/ });
    await row.getByText("messages:send").waitFor();
    expect(await row.textContent()).not.toContain(secret);
  });

  it("revokes the key after confirmation", async () => {
    await page.getByRole("button", { name: "Révoquer Serveur LinkoJob" }).click();
    const confirm = page.getByRole("alertdialog");
    await confirm.getByRole("button", { name: "Révoquer" }).click();
    await confirm.waitFor({ state: "detached" });
    await page
      .getByRole("row", { name: /Serveur LinkoJob/ })
      .getByText(/Révoquée le/)
      .waitFor();
  });

  it("shows a recruiter the team without any management control", async () => {
    await page.getByRole("button", { name: "Mon compte" }).click();
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL(`${app.url}/login`);
    await login(demoAccount.recruiter.email);
    await page.getByText("Seuls les propriétaires et les administrateurs peuvent gérer l’équipe.").waitFor();
    await page.getByRole("cell", { name: /karim@demo.linkojob.ma/ }).waitFor();
    expect(await page.getByRole("button", { name: "Ajouter un utilisateur" }).count()).toBe(0);
    expect(await page.getByRole("combobox").count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Désactiver/ }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Clés API" }).count()).toBe(0);
  });

  it("sends the user back to the login page when the session ended elsewhere", async () => {
    await page.getByRole("link", { name: "Paramètres" }).click();
    await page.getByRole("heading", { name: "Paramètres" }).waitFor();
    // The session disappears behind the app's back (expiry, logout in another tab).
    await context.clearCookies();
    await page.getByLabel("Nom", { exact: true }).fill("Youssef A.");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.waitForURL(`${app.url}/login?next=%2Fsettings`);
  });
});
