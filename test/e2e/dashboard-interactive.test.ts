import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationPage } from "../../src/contracts/conversations";
import type { MessagePage } from "../../src/contracts/messages";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

const CANDIDATE = "212612345678";
/** Set to a folder to save the screenshots there. */
const screenshotDir = process.env.LJ_SCREENSHOT_DIR;

async function shoot(target: Page, name: string) {
  if (!screenshotDir) return;
  mkdirSync(screenshotDir, { recursive: true });
  await target.screenshot({ path: join(screenshotDir, name) });
}

// A screening question from the composer: "Question à choix" with two reply buttons, Meta's limits
// said as the recruiter types, the question in its bubble with its buttons; the candidate taps "Oui"
// on the simulator's phone and the answer arrives live, quoting the question.
describe.skipIf(browserSkipReason)("dashboard: a question with reply buttons", () => {
  let app: AppServer;
  let session: Caller;
  let phoneNumberId: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startAppServer();
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca");
    phoneNumberId = connection.phoneNumberId as string;
    // The candidate wrote: the 24-hour window is open.
    const inbound = await app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: {
        phoneNumberId,
        from: CANDIDATE,
        profileName: "Youssef El Amrani",
        type: "text",
        text: { body: "Bonjour, je suis intéressé par le poste de chauffeur livreur" },
      },
    });
    expect(inbound.statusCode, inbound.body).toBe(200);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await loginThroughPage(page, app.url, "/inbox", demoAccount.owner);
  }, TEST_BUDGET_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "sends « Avez-vous le permis B ? » with Oui / Non and shows the candidate's tap as an answer to it",
    async () => {
      const firstConversation = async () =>
        (await session.get("/api/conversations")).json<ConversationPage>().conversations[0]?.id ?? null;
      await expect.poll(firstConversation, { timeout: PATIENCE_MS }).not.toBeNull();
      const conversation = { id: (await firstConversation()) as string };
      await page.goto(`${app.url}/inbox/${conversation.id}`);
      const feed = page.getByRole("feed");
      await feed.getByText("chauffeur livreur").waitFor({ timeout: PATIENCE_MS });

      await page.getByRole("button", { name: "Joindre" }).click();
      await page.getByRole("button", { name: "Question à choix" }).click();
      const dialog = page.getByRole("dialog", { name: "Question à choix" });
      await dialog.getByLabel("Question", { exact: true }).fill("Avez-vous le permis B ?");
      // Over Meta's 20 characters: said at once, and nothing goes.
      await dialog.getByRole("textbox", { name: "Bouton 1" }).fill("Oui, depuis plus de cinq ans");
      await dialog.getByText("Au plus 20\u00a0caractères sur un bouton.").waitFor();
      await dialog.getByRole("button", { name: "Envoyer la question" }).click();
      await dialog.getByText("Écrivez le texte du bouton.").waitFor();
      await shoot(page, "question-dialog-fr.png");
      expect(await dialog.isVisible()).toBe(true);
      await dialog.getByRole("textbox", { name: "Bouton 1" }).fill("Oui");
      await dialog.getByRole("textbox", { name: "Bouton 2" }).fill("Non");
      await dialog.getByRole("button", { name: "Envoyer la question" }).click();
      await dialog.waitFor({ state: "detached" });

      const question = feed.locator("article", { hasText: "Avez-vous le permis B ?" });
      await question.waitFor();
      const choices = question.getByRole("list", { name: "Choix proposés" });
      expect(await choices.getByRole("listitem").allTextContents()).toEqual(["Oui", "Non"]);
      await question.getByText(/— (Envoyé|Distribué|Lu)$/).waitFor({ timeout: PATIENCE_MS });

      // The candidate taps "Oui" on the simulated phone.
      const phone = await page.context().newPage();
      await phone.goto(`${app.url}/simulator/phone`);
      await phone.getByLabel("Numéro de l'entreprise").selectOption(phoneNumberId);
      await phone.getByLabel("Candidat", { exact: true }).selectOption(CANDIDATE);
      await phone.getByRole("button", { name: "Oui", exact: true }).click({ timeout: PATIENCE_MS });

      const answer = feed.locator("article", { hasText: "Bouton\u00a0: «\u202fOui\u202f»" });
      await answer.waitFor({ timeout: PATIENCE_MS });
      expect(await answer.locator(".quote").textContent()).toContain("Avez-vous le permis B ?");
      await phone.close();

      // As stored: the answer names the button and the question it answers.
      const messages = (await session.get(`/api/messages/${conversation.id}`)).json<MessagePage>().messages;
      const sent = messages.find((m) => m.content.type === "interactive");
      const reply = messages.find((m) => m.content.type === "interactive_reply");
      expect(reply?.context?.replyToWamid).toBe(sent?.wamid);
      expect(reply?.content).toMatchObject({ kind: "button_reply", title: "Oui" });

      // A list sent through the API shows its button and its options under their sections.
      const list = await session.post("/api/messages/send", {
        conversationId: conversation.id,
        interactive: {
          type: "list",
          body: "Quel créneau vous convient ?",
          button: "Voir les créneaux",
          sections: [
            {
              title: "Mardi",
              rows: [{ title: "10:00", description: "Agence Casablanca" }, { title: "15:00" }],
            },
            { title: "Mercredi", rows: [{ title: "11:00" }] },
          ],
        },
      });
      expect(list.statusCode, list.body).toBe(202);
      const listBubble = feed.locator("article", { hasText: "Quel créneau vous convient ?" });
      await listBubble.waitFor({ timeout: PATIENCE_MS });
      expect(await listBubble.locator(".bubble-buttons").textContent()).toBe("Voir les créneaux");
      expect(await listBubble.locator(".bubble-list__title").allTextContents()).toEqual([
        "Mardi",
        "Mercredi",
      ]);
      expect(await listBubble.locator(".bubble-list__row-title").allTextContents()).toEqual([
        "10:00",
        "15:00",
        "11:00",
      ]);
      await shoot(page, "question-answer-fr.png");
    },
    TEST_BUDGET_MS,
  );

  it(
    "sends a link button with a header and a footer, the address checked as typed, and shows it as the candidate will",
    async () => {
      const conversationId = (await session.get("/api/conversations")).json<ConversationPage>()
        .conversations[0]!.id;
      await page.goto(`${app.url}/inbox/${conversationId}`);
      const feed = page.getByRole("feed");
      await feed.getByText("chauffeur livreur").waitFor({ timeout: PATIENCE_MS });
      await page.getByRole("button", { name: "Joindre" }).click();
      await page.getByRole("button", { name: "Question à choix" }).click();
      const dialog = page.getByRole("dialog", { name: "Question à choix" });
      await dialog.getByRole("radio", { name: "Lien" }).check();
      await dialog.getByLabel("En-tête (facultatif)").fill("Chauffeur livreur – Casablanca");
      await dialog
        .getByLabel("Question", { exact: true })
        .fill("Voici l'offre complète, postulez en deux minutes.");
      await dialog.getByLabel("Pied (facultatif)").fill("LinkoJob Recrutement");
      await dialog.getByLabel("Texte du bouton").fill("Voir l'offre");
      await dialog.getByLabel("Adresse de la page").fill("jobs.linkojob.ma/offre/42");
      await dialog.getByRole("button", { name: "Envoyer la question" }).click();
      await dialog.getByText("L’adresse d’une page web commence par https://.").waitFor();
      expect(await dialog.isVisible()).toBe(true);
      await dialog.getByLabel("Adresse de la page").fill("https://jobs.linkojob.ma/offre/42");
      await dialog.getByRole("button", { name: "Envoyer la question" }).click();
      await dialog.waitFor({ state: "detached" });

      const bubble = feed.locator("article", { hasText: "Voici l'offre complète" });
      await bubble.waitFor({ timeout: PATIENCE_MS });
      expect(await bubble.locator(".bubble-header").textContent()).toBe("Chauffeur livreur – Casablanca");
      expect(await bubble.locator(".bubble-footer").textContent()).toBe("LinkoJob Recrutement");
      const link = bubble.getByRole("link", { name: "Voir l'offre" });
      expect(await link.getAttribute("href")).toBe("https://jobs.linkojob.ma/offre/42");
      await bubble.getByText(/— (Envoyé|Distribué|Lu)$/).waitFor({ timeout: PATIENCE_MS });
      await shoot(page, "question-link-fr.png");
      const sent = (await session.get(`/api/messages/${conversationId}`))
        .json<MessagePage>()
        .messages.find((m) => m.content.type === "interactive" && m.content.kind === "cta_url");
      expect(sent?.content).toMatchObject({
        header: "Chauffeur livreur – Casablanca",
        url: "https://jobs.linkojob.ma/offre/42",
      });
    },
    TEST_BUDGET_MS,
  );

  it(
    "in Arabic, right to left: builds a list with its limits said in Arabic, and sends a place typed with a decimal comma",
    async () => {
      await page.getByRole("button", { name: "Langue" }).click();
      await page.getByRole("button", { name: "العربية" }).click();
      await page.waitForFunction(() => document.documentElement.dir === "rtl");
      const feed = page.getByRole("feed");

      await page.getByRole("button", { name: "إرفاق" }).click();
      await page.getByRole("button", { name: "سؤال متعدد الخيارات" }).click();
      const dialog = page.getByRole("dialog", { name: "سؤال متعدد الخيارات" });
      await dialog.getByText("قائمة", { exact: true }).click();
      await dialog.getByLabel("السؤال", { exact: true }).fill("ما هي المدينة التي تفضل العمل فيها؟");
      await dialog.getByLabel("نص زر القائمة").fill("عرض جميع المدن المتاحة");
      await dialog.getByText("20 حرفًا على الأكثر للنص.").waitFor();
      await dialog.getByLabel("نص زر القائمة").fill("عرض المدن");
      await dialog.getByRole("textbox", { name: "العنوان", exact: true }).fill("الدار البيضاء");
      // The field sits at the inline start (the right), its remove button at the end (the left).
      await dialog.getByRole("button", { name: "إضافة خيار" }).click();
      await dialog.getByRole("textbox", { name: "العنوان", exact: true }).nth(1).fill("طنجة");
      const input = await dialog.getByRole("textbox", { name: "العنوان", exact: true }).first().boundingBox();
      const remove = await dialog.getByRole("button", { name: "حذف الخيار 1" }).boundingBox();
      expect(input && remove && remove.x < input.x + input.width).toBe(true);
      await shoot(page, "question-dialog-ar.png");
      await dialog.getByRole("button", { name: "إرسال السؤال" }).click();
      await dialog.waitFor({ state: "detached" });
      const list = feed.locator("article", { hasText: "ما هي المدينة" });
      await list.waitFor();
      expect(await list.locator(".bubble-list__row-title").allTextContents()).toEqual([
        "الدار البيضاء",
        "طنجة",
      ]);

      await page.getByRole("button", { name: "إرفاق" }).click();
      await page.getByRole("button", { name: "الموقع", exact: true }).click();
      const place = page.getByRole("dialog", { name: "إرسال موقع" });
      await place.getByLabel("خط العرض").fill("33,5731");
      await place.getByLabel("خط الطول").fill("-7,5898");
      await place.getByLabel("اسم المكان (اختياري)").fill("وكالة الدار البيضاء");
      await place.getByRole("button", { name: "إرسال الموقع" }).click();
      await place.waitFor({ state: "detached" });
      const location = feed.locator("article", { hasText: "وكالة الدار البيضاء" });
      await location.waitFor();
      await location.getByText(/—/).last().waitFor({ timeout: PATIENCE_MS });
      await shoot(page, "question-answer-ar.png");
      // The bubble shows as soon as the composer sends; the chat's preview once the send is stored.
      const preview = async () =>
        (await session.get("/api/conversations")).json<ConversationPage>().conversations[0]
          ?.lastMessagePreview;
      await expect.poll(preview, { timeout: PATIENCE_MS }).toBe("[location] وكالة الدار البيضاء");

      await page.getByRole("button", { name: "اللغة" }).click();
      await page.getByRole("button", { name: "Français" }).click();
      await page.waitForFunction(() => document.documentElement.dir === "ltr");
    },
    TEST_BUDGET_MS,
  );
});
