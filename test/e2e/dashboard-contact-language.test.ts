import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationResponse } from "../../src/contracts/conversations";
import { connectNumber } from "../support/connected";
import { eventually, PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, type OwnerDashboard, openAsOwner } from "./support/browser";

const CANDIDATE = "212655667788";

// A candidate writes in Arabic: the details panel says so, as read from their messages; a recruiter
// sets English instead, another tab of the team sees it at once, and the template picker then
// starts on the English templates.
describe.skipIf(browserSkipReason)("dashboard: a candidate's language", () => {
  let owner: OwnerDashboard;
  let conversationId: string;

  beforeAll(async () => {
    owner = await openAsOwner("/inbox", { viewport: { width: 1440, height: 900 } });
    const { connection } = await connectNumber(owner.app.app, owner.session, "casablanca");
    const sync = await owner.session.post("/api/templates/sync", { connectionId: connection.id });
    expect(sync.statusCode, sync.body).toBe(200);
    const inbound = await owner.app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: {
        phoneNumberId: connection.phoneNumberId,
        from: CANDIDATE,
        profileName: "Yassine Alaoui",
        type: "text",
        text: { body: "السلام عليكم، بغيت نعرف واش الخدمة مازال متاحة" },
      },
    });
    expect(inbound.statusCode, inbound.body).toBeLessThan(300);
    conversationId = await eventually(async () => {
      const list = (await owner.session.get("/api/conversations")).json<{
        conversations: ConversationResponse[];
      }>();
      return list.conversations.find((c) => c.contact.waId === CANDIDATE)?.id;
    });
  }, TEST_BUDGET_MS);

  afterAll(() => owner?.close());

  /** The candidate's details beside their chat, opened if the panel is shut. */
  async function openDetails(page: Page) {
    await page.goto(`${owner.app.url}/inbox/${conversationId}`);
    const toggle = page.getByRole("button", { name: "Détails du candidat" });
    await toggle.waitFor();
    if ((await toggle.getAttribute("aria-pressed")) !== "true") await toggle.click();
    const details = page.getByRole("complementary", { name: "Détails" });
    const language = details.getByLabel("Langue du candidat");
    await language.waitFor();
    return { details, language };
  }

  it(
    "shows the language read from the candidate's messages, and a recruiter's choice reaches the team's other tab",
    async () => {
      const { details, language } = await openDetails(owner.page);
      expect(await language.inputValue()).toBe("ar");
      await details.getByText("Déduite de ses messages").waitFor();
      expect(await language.locator("option").allTextContents()).toEqual([
        "Inconnue",
        "Français",
        "Anglais",
        "Arabe",
      ]);

      const other = await owner.page.context().newPage();
      const inOtherTab = await openDetails(other);
      expect(await inOtherTab.language.inputValue()).toBe("ar");

      await language.selectOption({ label: "Anglais" });
      await details.getByText("Choisie par l’équipe").waitFor({ timeout: PATIENCE_MS });
      await inOtherTab.details.getByText("Choisie par l’équipe").waitFor({ timeout: PATIENCE_MS });
      expect(await inOtherTab.language.inputValue()).toBe("en");
      const stored = (
        await owner.session.get(`/api/conversations/${conversationId}`)
      ).json<ConversationResponse>();
      expect(stored.contact).toMatchObject({ language: "en", languageSource: "recruiter" });
      await other.close();

      // The template picker starts on the candidate's language.
      await owner.page.getByRole("button", { name: "Joindre" }).click();
      await owner.page.getByRole("button", { name: "Modèle", exact: true }).click();
      const picker = owner.page.getByRole("dialog", { name: "Choisir un modèle" });
      await picker.waitFor();
      const filter = picker.getByLabel("Langue", { exact: true });
      await eventually(async () => (await filter.inputValue()) === "en");
      await picker.getByRole("button", { name: "Annuler" }).click();

      // Back to unknown: the candidate's next clear message will set it.
      await language.selectOption({ label: "Inconnue" });
      await details.getByText("Déduite de son prochain message clair.").waitFor({ timeout: PATIENCE_MS });
    },
    TEST_BUDGET_MS,
  );

  it(
    "asks a new conversation's candidate language, shows a known candidate's, and the templates follow it",
    async () => {
      const { contact } = (
        await owner.session.get(`/api/conversations/${conversationId}`)
      ).json<ConversationResponse>();
      const patched = await owner.session.patch(`/api/contacts/${contact.id}`, { language: "ar" });
      expect(patched.statusCode, patched.body).toBe(200);
      const { page } = owner;
      await page.goto(`${owner.app.url}/inbox`);

      await page.getByRole("button", { name: "Nouvelle conversation" }).click();
      const dialog = page.getByRole("dialog", { name: "Nouvelle conversation" });
      const candidateLanguage = dialog.getByLabel("Langue du candidat");
      const templatesLanguage = dialog.getByLabel("Langue", { exact: true });
      expect(await candidateLanguage.inputValue()).toBe("");

      // A candidate already known by their number: their language, and where it came from.
      const phone = dialog.getByLabel("Numéro du candidat");
      await phone.fill("06 55 66 77 88");
      await eventually(async () => (await candidateLanguage.inputValue()) === "ar");
      await dialog.getByText("Choisie par l’équipe").waitFor();
      await eventually(async () => (await templatesLanguage.inputValue()) === "ar");

      // A new number: nobody's language; the recruiter says it, the templates follow, the send keeps it.
      await phone.fill("06 11 22 33 44");
      await eventually(async () => (await candidateLanguage.inputValue()) === "");
      await candidateLanguage.selectOption({ label: "Anglais" });
      await eventually(async () => (await templatesLanguage.inputValue()) === "en");
      await dialog.getByRole("button", { name: /Offre d’emploi/ }).click();
      await dialog.getByLabel(/^Prénom \(ex\./).fill("Omar");
      await dialog.getByLabel(/^Valeur 2 \(ex\./).fill("driver");
      await dialog.getByLabel(/^Valeur 3 \(ex\./).fill("Rabat");
      await dialog.getByRole("button", { name: "Envoyer le modèle" }).click();
      await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
      const created = page.url().split("/").at(-1)!;
      const stored = (await owner.session.get(`/api/conversations/${created}`)).json<ConversationResponse>();
      expect(stored.contact).toMatchObject({
        phone: "+212611223344",
        language: "en",
        languageSource: "recruiter",
      });
    },
    TEST_BUDGET_MS,
  );
});
