import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

/** A whole send → webhook → socket round trip on a busy machine (CI runs test files in parallel). */
const LIVE = PATIENCE_MS;
const TEST_TIMEOUT = TEST_BUDGET_MS;
/** Set to a folder to save the inbox's screenshots there (French and Arabic). */
const screenshotDir = process.env.LJ_SCREENSHOT_DIR;

const YOUSSEF = "212612345678";
const HOSTILE = `<img src=x onerror=alert(1)><script>window.__pwned = 1</script>`;

// The newcomer's path in the sandbox: a first template to a new candidate, the candidate's answer from
// the simulator's phone page arriving live in two tabs with ticks, a text reply read by the candidate;
// hostile text stays text; the whole interface right-to-left in Arabic.
describe.skipIf(browserSkipReason)("dashboard: the inbox", () => {
  let app: AppServer;
  let session: Caller;
  let phoneNumberId: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let second: Page;
  let conversationUrl: string;
  const dialogs: string[] = [];

  /** Tells the simulator's control API to do something, as Meta or a candidate would. */
  async function control(path: string, payload: Record<string, unknown>) {
    const response = await app.app.inject({ method: "POST", url: `/simulator/control/${path}`, payload });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response;
  }

  /** A candidate writes, through the simulator's control API (signed webhook, real ingress). */
  async function inbound(body: Record<string, unknown>) {
    return (await control("inbound", { phoneNumberId, ...body })).json() as { id: string };
  }

  async function shoot(target: Page, name: string) {
    if (!screenshotDir) return;
    mkdirSync(screenshotDir, { recursive: true });
    await target.screenshot({ path: join(screenshotDir, name) });
  }

  async function login(target: Page) {
    await loginThroughPage(target, app.url, "/inbox", demoAccount.owner);
  }

  const row = (target: Page, name: string | RegExp): Locator =>
    target.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name });
  const feed = (target: Page): Locator => target.getByRole("feed");
  const bubble = (target: Page, text: string): Locator => feed(target).locator("article", { hasText: text });

  beforeAll(async () => {
    app = await startAppServer();
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca");
    expect(connection.state).toBe("active");
    phoneNumberId = connection.phoneNumberId as string;
    const sync = await session.post("/api/templates/sync", { connectionId: connection.id });
    expect(sync.statusCode, sync.body).toBe(200);

    // Other candidates already wrote: the list has real conversations of every kind.
    await inbound({
      from: "212661112233",
      profileName: "Karim Idrissi",
      type: "text",
      text: { body: "Bonjour, le poste de magasinier à Tanger est-il toujours ouvert ?" },
    });
    await inbound({
      from: "212698765432",
      profileName: "فاطمة الزهراء",
      type: "text",
      text: { body: "CV : أرسلت سيرتي الذاتية أمس، هل وصلتكم؟" },
    });
    await inbound({
      from: "212698765432",
      type: "document",
      document: { filename: "CV_Fatima_Zahra_Bennani_2026.pdf", mime_type: "application/pdf" },
    });
    await inbound({
      from: "212677001122",
      profileName: "Amine Tazi",
      type: "location",
      location: { latitude: 33.5731, longitude: -7.5898, name: "Agence Casablanca", address: "Bd Zerktouni" },
    });
    await inbound({ from: "212677001122", type: "image", image: { caption: "Mon attestation de travail" } });

    browser = await launchBrowser();
    context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await login(page);
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "lists the candidates who wrote, with exact unread badges, previews and the window marker",
    async () => {
      const karim = row(page, /^Karim Idrissi/);
      await karim.waitFor();
      expect(await karim.getAttribute("aria-label")).toContain("1 message non lu");
      const fatima = row(page, /^فاطمة الزهراء/);
      expect(await fatima.getAttribute("aria-label")).toContain("2 messages non lus");
      expect(await fatima.locator(".badge").textContent()).toBe("2");
      expect(await fatima.getAttribute("aria-label")).toContain("Document CV_Fatima_Zahra_Bennani_2026.pdf");

      // Search by name, then by phone as recruiters type it.
      const search = page.getByRole("searchbox", { name: "Rechercher un nom, un numéro, un message" });
      await search.fill("Karim");
      await expect
        .poll(() => page.getByRole("navigation", { name: "Conversations" }).getByRole("link").count())
        .toBe(1);
      await search.fill("06 98 76");
      await fatima.waitFor();
      await expect
        .poll(() => page.getByRole("navigation", { name: "Conversations" }).getByRole("link").count())
        .toBe(1);
      await search.fill("");
      await page.getByRole("button", { name: "Non lus" }).click();
      await karim.waitFor();
      await page.getByRole("button", { name: "Tous", exact: true }).click();
    },
    TEST_TIMEOUT,
  );

  it(
    "sends a first template to a new candidate from New conversation, with a live preview",
    async () => {
      await page.getByRole("button", { name: "Nouvelle conversation" }).click();
      const dialog = page.getByRole("dialog", { name: "Nouvelle conversation" });
      await dialog.getByLabel("Numéro du candidat").fill("06 12 34 56 78");
      await dialog.getByLabel("Nom du candidat").fill("Youssef El Amrani");
      await dialog.getByLabel("Langue", { exact: true }).selectOption("fr");
      await dialog.getByRole("button", { name: /Offre d’emploi/ }).click();
      // The greeting takes the candidate's first name; the other variables are the recruiter's,
      // each named after what it holds and the template's example.
      expect(await dialog.getByLabel(/^Prénom \(ex\./).inputValue()).toBe("Youssef");
      await dialog.getByLabel(/^Valeur 2 \(ex\./).fill("technicien de maintenance");
      await dialog.getByLabel(/^Valeur 3 \(ex\./).fill("Casablanca");
      const preview = dialog.locator(".template-preview__bubble");
      await expect
        .poll(() => preview.textContent())
        .toContain("Bonjour Youssef, nous avons une opportunité de technicien de maintenance à Casablanca");
      expect(await dialog.textContent()).toContain("Marketing");
      await dialog.getByRole("button", { name: "Envoyer le modèle" }).click();

      await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
      conversationUrl = page.url();
      const sent = bubble(page, "Modèle · job_opportunity");
      await sent.waitFor();
      // Ticks come live from Meta's statuses; the simulated phone reads it.
      await sent.getByText(/— (Envoyé|Distribué|Lu)$/).waitFor({ timeout: LIVE });
      await page.getByRole("heading", { name: "Youssef El Amrani" }).waitFor();
      expect(await page.locator(".window-chip").textContent()).toContain("Aucun message du candidat");
      await page.getByRole("button", { name: "Choisir un modèle" }).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    "shows the candidate's answer from the phone page live, in a second tab too; the text reply gets read ticks",
    async () => {
      second = await context.newPage();
      await second.goto(conversationUrl);
      await bubble(second, "Modèle · job_opportunity").waitFor();

      const phone = await context.newPage();
      await phone.goto(`${app.url}/simulator/phone`);
      await phone.getByLabel("Numéro de l'entreprise").selectOption(phoneNumberId);
      await phone.getByLabel("Candidat", { exact: true }).selectOption(YOUSSEF);
      await phone
        .getByLabel("Message", { exact: true })
        .fill("Oui, je suis intéressé ! Quand peut-on se voir ?");
      await phone.getByRole("button", { name: "Envoyer" }).click();

      for (const tab of [page, second]) {
        await bubble(tab, "Oui, je suis intéressé").waitFor({ timeout: LIVE });
      }
      // The window opened with the answer: the composer replaces the template panel, in both tabs.
      await page.locator(".window-chip--open").waitFor();
      const composer = page.getByRole("textbox", { name: "Écrire un message" });
      await composer.fill("Parfait ! Êtes-vous disponible demain à 10 h ?");
      await composer.press("Enter");
      expect(await composer.inputValue()).toBe("");

      for (const tab of [page, second]) {
        const reply = bubble(tab, "Êtes-vous disponible demain");
        await reply.waitFor({ timeout: LIVE });
        await reply.locator(".ticks--read").waitFor({ timeout: LIVE });
        expect(await reply.textContent()).toContain("— Lu");
      }
      await phone.getByText("Êtes-vous disponible demain").waitFor({ timeout: LIVE });
      await phone.close();
    },
    TEST_TIMEOUT,
  );

  it(
    "sends a CV as a document from the composer, and says why a send failed with the fix",
    async () => {
      await page.getByRole("button", { name: "Joindre" }).click();
      const chooser = page.waitForEvent("filechooser");
      await page.getByRole("button", { name: "Document" }).click();
      await (await chooser).setFiles({
        name: "Fiche_de_poste_technicien.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from(
          "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        ),
      });
      const sheet = page.getByRole("dialog", { name: "Envoyer un fichier" });
      await sheet.getByLabel("Légende (facultative)").fill("La fiche de poste");
      await sheet.getByRole("button", { name: "Envoyer le fichier" }).click();
      const document = bubble(page, "Fiche_de_poste_technicien.pdf");
      await document.waitFor({ timeout: LIVE });
      await document.getByText(/— (Distribué|Lu)$/).waitFor({ timeout: LIVE });
      expect(await document.getByRole("link", { name: /^Télécharger/ }).getAttribute("href")).toMatch(
        /^\/api\/media\//,
      );

      // Meta refuses the next send: the bubble turns red with the reason in words and a retry.
      const fail = await app.app.inject({
        method: "POST",
        url: "/simulator/control/fail-next",
        payload: { code: 131026, async: true },
      });
      expect(fail.statusCode, fail.body).toBeLessThan(300);
      const composer = page.getByRole("textbox", { name: "Écrire un message" });
      await composer.fill("Pouvez-vous confirmer votre adresse ?");
      await composer.press("Enter");
      const failed = bubble(page, "Pouvez-vous confirmer votre adresse");
      await failed.locator(".msg__failure").waitFor({ timeout: LIVE });
      expect(await failed.locator(".msg__failure").textContent()).toContain(
        "WhatsApp n’a pas pu distribuer ce message",
      );
      await failed.getByRole("button", { name: "Réessayer" }).click();
      await expect
        .poll(() => feed(page).locator("article", { hasText: "Pouvez-vous confirmer votre adresse" }).count())
        .toBe(2);
      await feed(page)
        .locator("article", { hasText: "Pouvez-vous confirmer votre adresse" })
        .last()
        .getByText(/— (Distribué|Lu)$/)
        .waitFor({ timeout: LIVE });
    },
    TEST_TIMEOUT,
  );

  it(
    "works at phone width: one pane at a time, with a way back",
    async () => {
      const phone = await context.newPage();
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${app.url}/inbox`);
      await row(phone, /^Karim Idrissi/).click();
      await phone.getByRole("heading", { name: "Karim Idrissi" }).waitFor();
      expect(await phone.locator(".list-pane").isVisible()).toBe(false);
      const box = await feed(phone).boundingBox();
      expect(box && box.width <= 390).toBe(true);
      if (screenshotDir) await phone.screenshot({ path: join(screenshotDir, "inbox-phone-fr.png") });
      await phone.getByRole("link", { name: "Retour aux conversations" }).click();
      await row(phone, /^Karim Idrissi/).waitFor();
      expect(await phone.locator(".chat-pane").count()).toBe(1);
      expect(await phone.locator(".chat-pane").isVisible()).toBe(false);
      await phone.close();
    },
    TEST_TIMEOUT,
  );

  it(
    "keeps team notes and assignment with the conversation",
    async () => {
      await page
        .getByRole("button", { name: /^Assigner la conversation/ })
        .first()
        .click();
      await page.getByRole("button", { name: "M’assigner" }).click();
      await page
        .getByRole("button", { name: /Assigner la conversation · Salma Bennani/ })
        .first()
        .waitFor();
      const details = page.getByRole("complementary", { name: "Détails" });
      await details.waitFor();
      await details
        .getByLabel("Ajouter une note pour l’équipe")
        .fill("Profil solide, à rappeler après l’entretien.");
      await details.getByRole("button", { name: "Ajouter la note" }).click();
      await details.getByText("Profil solide, à rappeler").waitFor();
      await page.getByRole("button", { name: "Assignés à moi" }).click();
      await row(page, /^Youssef El Amrani/).waitFor();
      expect(await page.getByRole("navigation", { name: "Conversations" }).getByRole("link").count()).toBe(1);
      await page.getByRole("button", { name: "Tous", exact: true }).click();
      await row(page, /^Karim Idrissi/).waitFor();

      // The candidate taps the template's button: the reply quotes it, and a click jumps to it.
      const conversationId = conversationUrl.split("/").pop() as string;
      const history = (await session.get(`/api/messages/${conversationId}`)).json() as {
        messages: { wamid: string | null; type: string }[];
      };
      const template = history.messages.find((message) => message.type === "template");
      await inbound({
        from: YOUSSEF,
        type: "button",
        button: { payload: "Oui, intéressé(e)", text: "Oui, intéressé(e)" },
        context: { message_id: template?.wamid },
      });
      const answer = feed(page).locator("article", {
        has: page.locator(".reply-chip", { hasText: "Oui, intéressé(e)" }),
      });
      await answer.waitFor({ timeout: LIVE });
      await answer.locator(".quote").click();
      await page.locator(".msg--flash").waitFor();
      await page.locator(".details__body").evaluate((element) => element.scrollTo({ top: 0 }));
      await feed(page).evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      // The shot shows the page at rest: after the flash, which the page ends on its own timer.
      await page.locator(".msg--flash").waitFor({ state: "detached" });
      await shoot(page, "inbox-fr.png");
    },
    TEST_TIMEOUT,
  );

  it(
    "renders a message carrying HTML and script as inert text",
    async () => {
      await inbound({ from: YOUSSEF, type: "text", text: { body: HOSTILE } });
      const hostile = bubble(page, "onerror=alert(1)");
      await hostile.waitFor({ timeout: LIVE });
      expect(await hostile.locator(".rich-text").textContent()).toBe(HOSTILE);
      expect(await page.locator(".chat-history img[src='x'], .chat-history script").count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      // The list preview is text too.
      expect(
        await row(page, /^Youssef El Amrani/)
          .locator("img[src='x']")
          .count(),
      ).toBe(0);
      expect(dialogs).toEqual([]);
    },
    TEST_TIMEOUT,
  );

  it(
    "counts the unread chats in the tab title, live, in the background too",
    async () => {
      await second.evaluate(() => {
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
        document.dispatchEvent(new Event("visibilitychange"));
      });
      const unreadChats = async () => Number(/^\((\d+)\) /.exec(await second.title())?.[1] ?? 0);
      const before = await unreadChats();
      await inbound({
        from: "212600000777",
        profileName: "Rachid Amrani",
        type: "text",
        text: { body: "Bonjour, je postule pour le poste de cariste." },
      });
      await expect.poll(unreadChats, { timeout: LIVE }).toBe(before + 1);
      await second.evaluate(() => {
        Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
        document.dispatchEvent(new Event("visibilitychange"));
      });
      expect(await unreadChats()).toBe(before + 1);
      await second.close();
    },
    TEST_TIMEOUT,
  );

  it(
    "lays the whole inbox out right-to-left in Arabic, bubbles mirrored, numbers left-to-right",
    async () => {
      await row(page, /^فاطمة الزهراء/).click();
      await bubble(page, "CV_Fatima").waitFor();
      await page.getByRole("button", { name: "Langue" }).click();
      await page.getByRole("button", { name: "العربية" }).click();
      await page.waitForFunction(() => document.documentElement.dir === "rtl");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("ar");
      await page
        .getByRole("navigation", { name: "المحادثات" })
        .or(page.getByRole("navigation", { name: "Conversations" }))
        .first()
        .waitFor();
      const list = await page.locator(".list-pane").boundingBox();
      const chat = await page.locator(".chat-pane").boundingBox();
      expect(list && chat && list.x > chat.x).toBe(true);
      // Incoming bubbles sit at the inline start: the right in Arabic.
      const incoming = await bubble(page, "CV :").locator(".bubble").boundingBox();
      expect(incoming && chat && incoming.x + incoming.width > chat.x + chat.width / 2).toBe(true);
      // Text takes the direction of its first strong letter (as the list preview does), the phone
      // stays left-to-right.
      expect(await bubble(page, "CV :").locator(".rich-text").getAttribute("dir")).toBe("ltr");
      expect(await page.locator(".chat-header__phone").getAttribute("dir")).toBe("ltr");
      // "+212" is drawn left of the last digits, as in any language.
      const order = await page.locator(".chat-header__phone").evaluate((element) => {
        const text = element.firstChild as Text;
        const at = (index: number) => {
          const range = document.createRange();
          range.setStart(text, index);
          range.setEnd(text, index + 1);
          return range.getBoundingClientRect().x;
        };
        return at(0) < at((text.textContent ?? "").length - 1);
      });
      expect(order).toBe(true);
      await page.getByText("النافذة مفتوحة").first().waitFor();
      await shoot(page, "inbox-ar.png");

      await page.getByRole("button", { name: "اللغة" }).click();
      await page.getByRole("button", { name: "Français" }).click();
      await page.waitForFunction(() => document.documentElement.dir === "ltr");
    },
    TEST_TIMEOUT,
  );

  it(
    "shows a banner while the live connection is lost, then catches up on what was missed",
    async () => {
      await row(page, /^Karim Idrissi/).click();
      await page.getByRole("heading", { name: "Karim Idrissi" }).waitFor();
      await context.setOffline(true);
      const banner = page.getByRole("status").filter({ hasText: "Connexion perdue" });
      await banner.waitFor({ timeout: LIVE });
      await inbound({
        from: "212661112233",
        type: "text",
        text: { body: "Message écrit pendant la coupure" },
      });
      await context.setOffline(false);
      await bubble(page, "Message écrit pendant la coupure").waitFor({ timeout: LIVE });
      await banner.waitFor({ state: "detached", timeout: LIVE });
    },
    TEST_TIMEOUT,
  );

  it(
    "says when a candidate's file is no longer available at Meta, and asks again in one click",
    async () => {
      await control("media/fail-next", { code: 100 }); // Meta no longer has the file
      await inbound({
        from: "212655443322",
        profileName: "Nadia Berrada",
        type: "image",
        image: { caption: "Diplôme" },
      });
      await row(page, /^Nadia Berrada/).click();
      const photo = bubble(page, "Diplôme");
      await photo.getByText("Fichier plus disponible").waitFor({ timeout: LIVE });
      await photo.getByRole("button", { name: "Demander de le renvoyer" }).click();
      const composer = page.getByRole("form", { name: "Répondre au candidat" }).getByRole("textbox");
      await expect.poll(() => composer.inputValue()).toContain("Pourriez-vous le renvoyer");
    },
    TEST_TIMEOUT,
  );
});
