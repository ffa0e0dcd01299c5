import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber, eventually, simulatorControl } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";
import { shadedPng as bannerPng } from "./support/png";

/** A submit, Meta's review and its webhook, then the socket, on a busy machine. */
const LIVE = 30_000;
const TEST_TIMEOUT = 120_000;
/** Set to a folder to save the page's screenshots there (French and Arabic). */
const screenshotDir = process.env.LJ_SCREENSHOT_DIR;

interface TemplateJson {
  id: string;
  metaTemplateId: string;
  name: string;
  language: string;
  status: string;
}

// The templates studio in the sandbox: a freshly connected number gets the recruiting starter pack's
// interview invitation in French and Arabic, watches Meta approve it live and sends it to a new
// candidate; the builder checks Meta's rules at each field and keeps the draft Meta refuses; a
// rejected template says why and what to change; the whole studio right-to-left in Arabic.
describe.skipIf(browserSkipReason)("dashboard: the templates studio", () => {
  let app: AppServer;
  let session: Caller;
  let browser: Browser;
  let page: Page;
  const control = () => simulatorControl(app.app);

  /**
   * The page's column scrolled back to its top first (only it scrolls, so that is what a reader
   * sees first); a taller window for the long builder.
   */
  async function shoot(name: string, height = 900) {
    if (!screenshotDir) return;
    mkdirSync(screenshotDir, { recursive: true });
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 1366, height });
    await page.locator(".page__body").evaluate((element) => element.scrollTo({ top: 0 }));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: join(screenshotDir, name) });
    if (viewport) await page.setViewportSize(viewport);
  }

  const templates = async (): Promise<TemplateJson[]> =>
    ((await session.get("/api/templates")).json() as { templates: TemplateJson[] }).templates;
  /** A template's row in the list, by its Meta name and language. */
  const row = (name: string, language: string): Locator =>
    page.locator(`tr[data-template="${name}:${language}"]`);
  const badge = (name: string, language: string): Locator => row(name, language).locator(".status-badge");

  beforeAll(async () => {
    app = await startAppServer();
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    await connectNumber(app.app, session, "casablanca");
    // The simulator gives every new WhatsApp account a few templates: remove them, as for a number
    // that has none of its own yet.
    const seeded = await eventually(async () => {
      const list = await templates();
      return list.length > 0 && list;
    });
    for (const template of seeded) {
      const removed = await session.delete(`/api/templates/${template.id}`);
      expect(removed.statusCode, removed.body).toBe(200);
    }
    await eventually(async () => (await templates()).length === 0);
    // Meta's review takes a moment, so "pending" is seen before "approved" arrives live; a rule
    // makes Meta refuse the summer internship offer as mislabelled.
    const delay = await control()("templates/review-delay", { ms: 1_500 });
    expect(delay.statusCode, delay.body).toBe(200);
    const rule = await control()("templates/review-rules", {
      match: { name: "^stage_ete" },
      decision: "REJECTED",
      reason: "TAG_CONTENT_MISMATCH",
    });
    expect(rule.statusCode, rule.body).toBeLessThan(300);

    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    await loginThroughPage(page, app.url, "/inbox", demoAccount.owner);
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "offers the starter pack to a number without templates; the interview invitation, submitted in French and Arabic, turns approved live",
    async () => {
      await page
        .getByRole("navigation", { name: "Navigation principale" })
        .getByRole("link", { name: "Modèles" })
        .click();
      await page.waitForURL(`${app.url}/templates`);
      await page.getByRole("heading", { name: "Modèles", level: 1 }).waitFor();
      await page.getByRole("heading", { name: "Aucun modèle sur ce numéro pour l’instant" }).waitFor();
      await page.getByRole("button", { name: "Voir le pack recrutement" }).click();

      const dialog = page.getByRole("dialog", { name: "Pack recrutement" });
      const company = dialog.getByLabel("Nom de l’entreprise");
      expect(await company.inputValue()).toBe(demoAccount.clientName);
      await company.fill("Atlas Recrutement");
      expect(await dialog.getByLabel("Français").isChecked()).toBe(true);
      expect(await dialog.getByLabel("العربية").isChecked()).toBe(true);
      expect(await dialog.getByLabel("English").isChecked()).toBe(false);

      const item = dialog
        .getByRole("listitem")
        .filter({ has: page.getByRole("heading", { name: "Invitation à un entretien" }) });
      await item.locator("summary").click();
      // The company's name is written into both texts; the Arabic one reads right to left.
      await expect
        .poll(() => item.locator(".template-preview__bubble").first().textContent())
        .toContain("Atlas Recrutement");
      expect(await item.locator("[lang=ar] .template-preview__wall").getAttribute("dir")).toBe("rtl");
      await item.getByRole("button", { name: /^Soumettre/ }).click();
      await item.getByText("Soumis à Meta").waitFor({ timeout: LIVE });
      await dialog.getByRole("button", { name: "Fermer", exact: true }).first().click();

      // Pending first, then Meta's review arrives through the webhook and the socket.
      await row("interview_invitation", "fr").waitFor();
      await row("interview_invitation", "ar").waitFor();
      expect(await row("interview_invitation", "fr").locator("td").first().textContent()).toContain(
        "Invitation à un entretien",
      );
      expect(await row("interview_invitation", "ar").locator("td").nth(1).textContent()).toBe("العربية");
      for (const language of ["fr", "ar"]) {
        await expect
          .poll(() => badge("interview_invitation", language).textContent(), { timeout: LIVE })
          .toBe("Approuvé");
      }
      expect((await templates()).every((template) => template.status === "APPROVED")).toBe(true);

      // Its page: the WhatsApp preview, the buttons, the history from submission to approval.
      await row("interview_invitation", "fr").getByRole("link").click();
      await page.getByRole("heading", { name: "Invitation à un entretien", level: 1 }).waitFor();
      const preview = page.locator(".template-preview__bubble");
      expect(await preview.textContent()).toContain("Atlas Recrutement");
      const history = page.locator(".template-history");
      await history.getByText("Soumis à Meta").waitFor();
      await history.locator(".status-badge", { hasText: "Approuvé" }).waitFor();
      await page.getByRole("link", { name: "العربية" }).waitFor();
      await page.getByRole("link", { name: "Tous les modèles" }).click();
      await page.waitForURL(`${app.url}/templates`);
    },
    TEST_TIMEOUT,
  );

  it(
    "checks the builder's fields against Meta's rules as typed, keeps the draft Meta refuses, and shows a rejection's reason",
    async () => {
      await page.getByRole("link", { name: "Nouveau modèle" }).click();
      await page.waitForURL(`${app.url}/templates/new`);
      const form = page.locator("form.builder");

      // The name is checked as it is typed.
      const name = form.getByLabel("Nom du modèle");
      await name.fill("Stage Été!");
      await form.getByText(/Le nom ne peut contenir que des lettres minuscules/).waitFor();
      expect(await name.getAttribute("aria-invalid")).toBe("true");
      await name.fill("stage_ete_2026");
      expect(await name.getAttribute("aria-invalid")).toBeNull();

      await form.getByLabel("Marketing").check();
      // The price is the server's quote, from the rate card the ledger bills by.
      const quote = (await session.get("/api/costs/quote?category=MARKETING")).json() as {
        amountMad: number;
      };
      expect(quote.amountMad).toBeGreaterThan(0);
      await expect
        .poll(async () => (await form.locator("[data-cost=MARKETING]").textContent())?.replace(/\D/g, ""))
        .toBe(quote.amountMad.toFixed(2).replace(/\D/g, ""));

      // A variable from the menu, with its sample; the preview shows the sample in place. What is
      // typed right after lands after the variable, even when the browser's frames come 400 ms late
      // (a loaded machine): the caret is placed with the text, not in a later frame.
      const body = form.getByLabel("Message", { exact: true });
      await body.fill("Bonjour ");
      await page.evaluate(() => {
        const frames = window as unknown as { onTime?: typeof requestAnimationFrame };
        frames.onTime = window.requestAnimationFrame;
        window.requestAnimationFrame = (callback) =>
          window.setTimeout(() => callback(performance.now()), 400) as unknown as number;
      });
      await form.getByRole("button", { name: "Insérer une variable" }).click();
      await page.getByRole("button", { name: /^Prénom/ }).click();
      await page.keyboard.type(
        "nous proposons des stages d’été à Casablanca. Êtes-vous disponible en juillet ?",
      );
      await page.evaluate(() => {
        window.requestAnimationFrame = (window as unknown as { onTime: typeof requestAnimationFrame }).onTime;
      });
      expect(await body.inputValue()).toContain("Bonjour {{first_name}} nous proposons");
      expect(await form.getByLabel(/^Exemple pour Prénom/).inputValue()).toBe("Yassine");
      await expect
        .poll(() => page.locator(".builder__preview .template-preview__bubble").textContent())
        .toContain("Bonjour Yassine nous proposons");

      // A button without text: submitting lists the problem and marks the field.
      await form.getByRole("button", { name: "Ajouter un bouton" }).click();
      await page.getByRole("button", { name: "Réponse rapide" }).click();
      await form.getByRole("button", { name: "Soumettre à Meta" }).click();
      const summary = form.locator(".builder__summary");
      await summary.getByRole("link", { name: /Écrivez le texte du bouton/ }).click();
      const buttonText = form.getByLabel("Texte du bouton");
      await expect
        .poll(() => buttonText.evaluate((element) => element === document.activeElement))
        .toBe(true);
      expect(await buttonText.getAttribute("aria-invalid")).toBe("true");
      await buttonText.fill("Je suis intéressé(e)");
      await form
        .getByLabel("Pied de page (facultatif)")
        .fill("Répondez STOP pour ne plus recevoir nos offres");

      // Arabic: its own tab, started from the French text, laid out right to left in the preview.
      await form.getByLabel("العربية").check();
      const arabicTab = form.getByRole("tab", { name: /العربية/ });
      expect(await arabicTab.getAttribute("aria-selected")).toBe("true");
      await form.getByRole("button", { name: "Partir du texte en Français" }).click();
      await body.fill(
        "مرحبا {{first_name}}، نقترح عليك تدريبا صيفيا في الدار البيضاء. هل أنت متاح في يوليوز؟",
      );
      await form.getByLabel(/^Exemple pour Prénom/).fill("ياسين");
      await form.getByLabel("Texte du bouton").fill("أنا مهتم");
      expect(await page.locator(".builder__preview .template-preview__wall").getAttribute("dir")).toBe("rtl");
      await form.getByRole("tab", { name: "Français" }).click();
      await page.locator(".builder__summary").waitFor({ state: "detached" });
      await shoot("template-builder-fr.png", 1500);

      // Meta refuses a name already taken in a language: the draft stays, with Meta's reason in words.
      await name.fill("interview_invitation");
      await form.getByRole("button", { name: "Soumettre à Meta" }).click();
      await form
        .locator(".builder__summary")
        .getByText(/Un modèle de ce nom existe déjà/)
        .first()
        .waitFor({ timeout: LIVE });
      expect(await body.inputValue()).toContain("nous proposons des stages");
      await name.fill("stage_ete_2026");
      await form.getByRole("button", { name: "Soumettre à Meta" }).click();

      // Back to the list, pending; Meta's review (a rule in the simulator) refuses it, live.
      await page.waitForURL(/\/templates\?submitted=stage_ete_2026$/);
      await page
        .getByRole("status")
        .getByText(/est soumis à Meta/)
        .waitFor();
      await expect.poll(() => badge("stage_ete_2026", "fr").textContent(), { timeout: LIVE }).toBe("Refusé");
      await row("stage_ete_2026", "fr").getByRole("link").click();
      const note = page.getByRole("note");
      await note
        .getByText(/Refusé par Meta · Le texte ne correspond pas à la catégorie ou à la langue choisie/)
        .waitFor();
      await note.getByText(/une offre d’emploi est du marketing/).waitFor();

      // Corrected and submitted again: the page follows the new review live, the history keeps both.
      await page.getByRole("link", { name: "Corriger le modèle" }).click();
      await page.waitForURL(/\/templates\/[0-9a-f-]{36}\/edit$/);
      expect(await form.getByLabel("Message", { exact: true }).inputValue()).toContain(
        "nous proposons des stages",
      );
      expect(await form.getByLabel("Nom du modèle").getAttribute("readonly")).not.toBeNull();
      await form.getByLabel("Utilitaire").check();
      await form.getByRole("button", { name: "Soumettre la modification" }).click();
      await page.waitForURL(/\/templates\/[0-9a-f-]{36}$/);
      const history = page.locator(".template-history");
      await history.getByText("Modifié et soumis à nouveau").waitFor({ timeout: LIVE });
      await expect
        .poll(() => history.locator(".status-badge", { hasText: "Refusé" }).count(), { timeout: LIVE })
        .toBe(2);
    },
    TEST_TIMEOUT,
  );

  it(
    "sends the approved invitation from New conversation; the refused template is there, disabled with why",
    async () => {
      await page.goto(`${app.url}/inbox`);
      await page.getByRole("button", { name: "Nouvelle conversation" }).click();
      const dialog = page.getByRole("dialog", { name: "Nouvelle conversation" });
      await dialog.getByLabel("Numéro du candidat").fill("06 12 34 56 78");
      await dialog.getByLabel("Nom du candidat").fill("Karim Tazi");
      await dialog.getByLabel("Langue", { exact: true }).selectOption("fr");

      const refused = dialog.getByRole("button", { name: /Stage ete 2026/ });
      expect(await refused.getAttribute("aria-disabled")).toBe("true");
      expect(await refused.textContent()).toContain("Meta a refusé ce modèle");

      await dialog.getByRole("button", { name: /Invitation à un entretien/ }).click();
      // Fields are named after what they hold, with the template's sample.
      expect(await dialog.getByLabel(/^Prénom \(ex\./).inputValue()).toBe("Karim");
      const fields = dialog.locator(".template-fields input");
      const count = await fields.count();
      for (let index = 0; index < count; index++) {
        const field = fields.nth(index);
        if (!(await field.inputValue())) await field.fill(`valeur ${index + 1}`);
      }
      expect(await dialog.locator(".template-fields label").allTextContents()).not.toContainEqual(
        expect.stringMatching(/\{\{/),
      );
      await dialog.getByRole("button", { name: "Envoyer le modèle" }).click();
      await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
      const sent = page.getByRole("feed").locator("article", { hasText: "interview_invitation" });
      await sent.getByText(/— (Envoyé|Distribué|Lu)$/).waitFor({ timeout: LIVE });
    },
    TEST_TIMEOUT,
  );

  it(
    "shows a template Meta pauses as paused, live, in the list, the chat's picker and the campaigns",
    async () => {
      const arabic = (await templates()).find(
        (template) => template.name === "interview_invitation" && template.language === "ar",
      );
      const pause = await control()(`templates/${arabic?.metaTemplateId}/decision`, {
        status: "PAUSED",
        title: "FIRST_PAUSE",
        quality: "RED",
      });
      expect(pause.statusCode, pause.body).toBeLessThan(300);

      // The chat opened by the last send offers its templates; the paused one can't be picked.
      await page.getByRole("button", { name: "Choisir un modèle" }).click();
      const picker = page.getByRole("dialog", { name: "Choisir un modèle" });
      const paused = picker.getByRole("button", { name: /Invitation à un entretien · العربية/ });
      await expect.poll(() => paused.getAttribute("aria-disabled"), { timeout: LIVE }).toBe("true");
      expect(await paused.textContent()).toContain("Meta l’a mis en pause");
      expect(
        await picker
          .getByRole("button", { name: /Invitation à un entretien · Français/ })
          .getAttribute("aria-disabled"),
      ).toBe("false");
      await picker.getByRole("link", { name: "Créer un modèle" }).waitFor();
      await picker.getByRole("button", { name: "Fermer" }).first().click();

      await page.goto(`${app.url}/campaigns`);
      const option = page
        .getByLabel("Modèle", { exact: true })
        .locator('option[value="interview_invitation:ar"]');
      await option.waitFor({ state: "attached" });
      expect(await option.isDisabled()).toBe(true);
      expect(await option.textContent()).toMatch(
        /Invitation à un entretien · العربية · Utilitaire \(en pause/,
      );

      await page.goto(`${app.url}/templates`);
      await expect
        .poll(() => badge("interview_invitation", "ar").textContent(), { timeout: LIVE })
        .toBe("En pause");
      expect(await row("interview_invitation", "ar").locator(".quality").textContent()).toBe("Faible");
      await shoot("templates-fr.png");
      await row("interview_invitation", "ar").getByRole("link").click();
      await page.getByRole("note").getByText("En pause pour 3 heures").waitFor();
      await page.getByRole("link", { name: "Tous les modèles" }).click();

      // Deleting asks first, then the template leaves the list.
      await row("stage_ete_2026", "ar").getByRole("link").click();
      await page.getByRole("button", { name: "Supprimer", exact: true }).click();
      const confirm = page.getByRole("alertdialog", { name: /^Supprimer ce modèle/ });
      await confirm.getByText(/sera supprimé chez Meta/).waitFor();
      await confirm.getByRole("button", { name: "Supprimer le modèle" }).click();
      await page.waitForURL(`${app.url}/templates`);
      await row("stage_ete_2026", "fr").waitFor();
      expect(await row("stage_ete_2026", "ar").count()).toBe(0);
    },
    TEST_TIMEOUT,
  );

  it(
    "lays the studio out right to left in Arabic",
    async () => {
      await page.goto(`${app.url}/templates`);
      await page.getByRole("button", { name: "Langue" }).click();
      await page.getByRole("button", { name: "العربية" }).click();
      await page.waitForFunction(() => document.documentElement.dir === "rtl");
      await page.getByRole("heading", { name: "القوالب", level: 1 }).waitFor();
      await badge("interview_invitation", "fr").getByText("معتمد").waitFor();
      // Meta names stay left to right inside the Arabic page.
      expect(await row("interview_invitation", "fr").locator("bdi[dir=ltr]").first().textContent()).toBe(
        "interview_invitation",
      );
      await shoot("templates-ar.png");

      await page.getByRole("link", { name: "قالب جديد" }).click();
      await page.waitForURL(`${app.url}/templates/new`);
      const form = page.locator("form.builder");
      await form.getByLabel("اسم القالب").fill("rappel_documents");
      await form.getByLabel("العربية").check();
      await form.getByLabel("Français").uncheck();
      await form.getByLabel("الرسالة", { exact: true }).fill("مرحبا ");
      await form.getByRole("button", { name: "إدراج متغير" }).click();
      await page.getByRole("button", { name: /^الاسم الشخصي/ }).click();
      await form.getByLabel("الرسالة", { exact: true }).press("End");
      await form
        .getByLabel("الرسالة", { exact: true })
        .type("نذكّرك بإرسال نسخة من بطاقتك الوطنية وشهادتك قبل يوم الجمعة. شكرا لك!");
      await form.getByLabel("التذييل (اختياري)").fill("أطلس للتوظيف");
      // A header image, uploaded to Meta through the API for the sample it needs.
      await form.getByLabel("صورة", { exact: true }).check();
      await form.getByLabel("ملف نموذجي").setInputFiles({
        name: "salon-emploi.png",
        mimeType: "image/png",
        buffer: bannerPng(320, 160),
      });
      await form.getByText("تم رفع الملف: salon-emploi.png").waitFor({ timeout: LIVE });
      await page.locator(".builder__preview .template-preview__media img").waitFor();
      const preview = page.locator(".builder__preview .template-preview__wall");
      expect(await preview.getAttribute("dir")).toBe("rtl");
      const aside = await page.locator(".builder__aside").boundingBox();
      const main = await page.locator(".builder__form").boundingBox();
      expect(aside && main && aside.x < main.x).toBe(true);
      await shoot("template-builder-ar.png", 1500);
    },
    TEST_TIMEOUT,
  );
});
