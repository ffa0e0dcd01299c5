import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { instantToWallTime } from "../../src/contracts/time-zone";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { eventually, PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

const LIVE = PATIENCE_MS;

/** The campaign's three candidates: the second one answers, the other two never do. */
const CANDIDATES = [
  { phone: "0611330011", wa: "212611330011", name: "Nadia Berrada" },
  { phone: "0611330012", wa: "212611330012", name: "Omar Tazi" },
  { phone: "0611330013", wa: "212611330013", name: "Rim Alaoui" },
];
const CAMPAIGN = "Caristes Tanger";
/** A candidate who wrote first: a chat of no campaign. */
const WALK_IN = { wa: "212677445566", name: "Youssef Amrani" };

// Campaign chats in the French inbox and a campaign's follow-up: a campaign's chats carry its name
// and the campaign filter shows only them (the unanswered ones stay out of "Tous"); the results page
// follows up the two who never replied with another template; and the client's time zone, changed
// in Settings, changes how a scheduled campaign's start is shown.
describe.skipIf(browserSkipReason)("dashboard: campaign chats, follow-up and time zone", () => {
  let app: AppServer;
  let session: Caller;
  let browser: Browser;
  let page: Page;
  let phoneNumberId: string;
  let connectionId: string;
  let campaignId: string;

  async function inbound(from: string, body: string, profileName?: string) {
    const response = await app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: { phoneNumberId, from, profileName, type: "text", text: { body } },
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
  }

  const list = () => page.getByRole("navigation", { name: "Conversations" });
  const rows = (): Locator => list().locator("a.row");
  const rowNames = async () =>
    (await rows().evaluateAll((links) => links.map((link) => link.getAttribute("aria-label") ?? ""))).map(
      (label) => label.split(",")[0],
    );

  beforeAll(async () => {
    app = await startAppServer();
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca");
    phoneNumberId = connection.phoneNumberId as string;
    connectionId = connection.id;
    await eventually(async () => (await session.get("/api/templates")).json().templates.length > 0);

    await inbound(WALK_IN.wa, "Bonjour, je cherche un poste de cariste.", WALK_IN.name);
    const created = await session.post("/api/campaigns", {
      name: CAMPAIGN,
      connectionId,
      template: { name: "job_opportunity", language: "fr" },
      recipients: CANDIDATES.map((candidate) => ({
        phone: candidate.phone,
        name: candidate.name,
        body: [{ text: candidate.name.split(" ")[0] }, { text: "cariste" }, { text: "Tanger" }],
      })),
    });
    expect(created.statusCode, created.body).toBe(201);
    campaignId = created.json().id;
    await eventually(
      async () => (await session.get(`/api/campaigns/${campaignId}`)).json().funnel.sent === 3,
    );
    await inbound(CANDIDATES[1]!.wa, "Oui, je suis intéressé");
    await eventually(
      async () => (await session.get(`/api/campaigns/${campaignId}`)).json().funnel.replied === 1,
    );

    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await loginThroughPage(page, app.url, "/inbox", demoAccount.owner);
  }, TEST_BUDGET_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "labels a campaign's chats with its name, and its filter shows them all and nothing else",
    async () => {
      // "Tous": the walk-in and the candidate who answered; the two silent chats stay out.
      await expect
        .poll(async () => (await rowNames()).sort(), { timeout: LIVE })
        .toEqual([CANDIDATES[1]!.name, WALK_IN.name].sort());
      const answered = list().getByRole("link", { name: new RegExp(`^${CANDIDATES[1]!.name}`) });
      await answered.locator("[data-campaign-tag]", { hasText: CAMPAIGN }).waitFor({ timeout: LIVE });
      expect(await answered.getAttribute("aria-label")).toContain(`Campagne «\u202f${CAMPAIGN}\u202f»`);
      const walkIn = list().getByRole("link", { name: new RegExp(`^${WALK_IN.name}`) });
      expect(await walkIn.locator("[data-campaign-tag]").count()).toBe(0);

      // The campaign filter lists the campaign with its three chats; choosing it shows exactly them.
      const filter = list().getByLabel("Campagne", { exact: true });
      await filter
        .locator("option", { hasText: `${CAMPAIGN} (3)` })
        .waitFor({ state: "attached", timeout: LIVE });
      await filter.selectOption(campaignId);
      await page.waitForURL(`${app.url}/inbox?campaign=${campaignId}`);
      await expect
        .poll(async () => (await rowNames()).sort(), { timeout: LIVE })
        .toEqual(CANDIDATES.map((candidate) => candidate.name).sort());
      await expect
        .poll(() => rows().locator("[data-campaign-tag]", { hasText: CAMPAIGN }).count(), { timeout: LIVE })
        .toBe(3);

      // A chat opened from the filtered list keeps the filter, and its header names the campaign.
      await list()
        .getByRole("link", { name: new RegExp(`^${CANDIDATES[0]!.name}`) })
        .click();
      await page.waitForURL(new RegExp(`/inbox/[^/?]+\\?campaign=${campaignId}$`));
      await page
        .getByRole("main")
        .locator("header [data-campaign-tag]", { hasText: CAMPAIGN })
        .waitFor({ timeout: LIVE });
      // The list refetches around the navigation: wait for it rather than read it once.
      await expect.poll(() => rows().count(), { timeout: LIVE }).toBe(3);
    },
    TEST_BUDGET_MS,
  );

  it(
    "follows up the two non-responders from the results page with another template",
    async () => {
      await page
        .getByRole("navigation", { name: "Navigation principale" })
        .getByRole("link", { name: "Campagnes" })
        .click();
      await page.getByRole("button", { name: `Voir le suivi · ${CAMPAIGN}` }).click();
      const progress = page.getByRole("region", { name: new RegExp(`Suivi · ${CAMPAIGN}`) });
      await progress.waitFor();
      // Its conversations, one click away: the inbox filtered on it.
      expect(await progress.getByRole("link", { name: "Voir les conversations" }).getAttribute("href")).toBe(
        `/inbox?campaign=${campaignId}`,
      );

      await progress.getByRole("button", { name: "Relancer les non-répondants" }).click({ timeout: LIVE });
      const followUp = progress.getByRole("region", { name: "Relancer les non-répondants" });
      await followUp.getByText("2 candidats ont reçu le message sans répondre").waitFor();
      await followUp.getByLabel("Nom de la campagne").fill("Relance caristes");
      const template = followUp.getByLabel("Modèle de la relance");
      await template.locator("option", { hasText: "English" }).first().waitFor({ state: "attached" });
      await template.selectOption("job_opportunity:en");
      // Each value of the new template: the same variable of the first send, or a text.
      const values = followUp.getByRole("table", { name: "Valeurs du modèle de la relance" });
      expect(await values.getByLabel("Variable {{1}}", { exact: true }).inputValue()).toBe("value:0");
      await values.getByLabel("Variable {{3}}", { exact: true }).selectOption("text");
      await values.getByLabel("Texte pour Variable {{3}}").fill("Tangier");
      await followUp.locator(".campaign-preview__bubble", { hasText: "Tangier" }).first().waitFor();

      await followUp.getByRole("button", { name: "Estimer" }).click();
      const estimate = followUp.getByRole("region", { name: "Vérification" });
      await estimate.getByText(/^2 candidats prêts/).waitFor({ timeout: LIVE });
      await estimate.getByRole("button", { name: "Envoyer à 2 candidats" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Confirmer l’envoi" });
      await confirm.getByRole("button", { name: "Envoyer maintenant" }).click();

      // The new campaign opens and says whose non-responders it follows up.
      const next = page.getByRole("region", { name: /Suivi · Relance caristes/ });
      await next.waitFor({ timeout: LIVE });
      await next.getByText("Relance des non-répondants de\u00a0:").waitFor();
      await next.getByRole("button", { name: CAMPAIGN }).waitFor();

      const campaigns = (await session.get("/api/campaigns")).json().campaigns as {
        id: string;
        name: string;
        followUpOf: string | null;
      }[];
      const made = campaigns.find((campaign) => campaign.name === "Relance caristes");
      expect(made?.followUpOf).toBe(campaignId);
      const recipients = (await session.get(`/api/campaigns/${made?.id}/recipients`)).json().recipients as {
        phone: string;
      }[];
      expect(recipients.map((recipient) => recipient.phone).sort()).toEqual(
        [`+${CANDIDATES[0]!.wa}`, `+${CANDIDATES[2]!.wa}`].sort(),
      );
    },
    TEST_BUDGET_MS,
  );

  it(
    "shows a scheduled campaign's start in the client's time zone, named, and follows a change of zone",
    async () => {
      // Starts in two days at 09:30, Casablanca time. The times shown are the server's reading of the
      // zone (Chromium's own zone data may differ from it).
      const day = instantToWallTime(Date.now() + 2 * 86_400_000, "Africa/Casablanca").slice(0, 10);
      const scheduled = await session.post("/api/campaigns", {
        name: "Salon de l’emploi",
        connectionId,
        template: { name: "job_opportunity", language: "fr" },
        recipients: [
          {
            phone: "0611330021",
            name: "Sara",
            body: [{ text: "Sara" }, { text: "cariste" }, { text: "Tanger" }],
          },
        ],
        scheduledAt: `${day}T09:30`,
      });
      expect(scheduled.statusCode, scheduled.body).toBe(201);
      const startsAt: string = scheduled.json().scheduledAt;

      await page.goto(`${app.url}/campaigns`);
      const past = page.getByRole("table").filter({ hasText: "Salon de l’emploi" });
      const shown = past.locator(`[data-scheduled-at="${startsAt}"]`);
      await expect
        .poll(() => shown.textContent(), { timeout: LIVE })
        .toMatch(/09:30 \(Africa\/Casablanca\)$/);

      // An owner moves the client to Tokyo in Settings.
      await page
        .getByRole("navigation", { name: "Navigation principale" })
        .getByRole("link", { name: "Paramètres" })
        .click();
      const section = page.getByRole("region", { name: "Campagnes", exact: true });
      const zone = section.getByLabel("Fuseau horaire");
      await expect.poll(() => zone.inputValue(), { timeout: LIVE }).toBe("Africa/Casablanca");
      await zone.fill("Mars/Olympus");
      await section.getByRole("button", { name: "Enregistrer" }).click();
      await section.getByText("Choisissez un fuseau horaire de la liste.").waitFor();
      await zone.fill("Asia/Tokyo");
      await section.getByRole("button", { name: "Enregistrer" }).click();
      await section
        .getByRole("status")
        .filter({ hasText: "Modifications enregistrées" })
        .waitFor({ timeout: LIVE });
      expect((await session.get("/api/campaigns/settings")).json().timeZone).toBe("Asia/Tokyo");

      // The same start, now read on Tokyo's clock and named so.
      const tokyo = instantToWallTime(new Date(startsAt), "Asia/Tokyo").slice(11);
      await page
        .getByRole("navigation", { name: "Navigation principale" })
        .getByRole("link", { name: "Campagnes" })
        .click();
      await expect
        .poll(() => shown.textContent(), { timeout: LIVE })
        .toMatch(new RegExp(`${tokyo} \\(Asia/Tokyo\\)$`));
      await page.getByRole("button", { name: "Voir le suivi · Salon de l’emploi" }).click();
      const progress = page.getByRole("region", { name: /Suivi · Salon de l’emploi/ });
      await expect
        .poll(() => progress.locator(`[data-scheduled-at="${startsAt}"]`).textContent(), { timeout: LIVE })
        .toMatch(new RegExp(`^Démarre le .*${tokyo} \\(Asia/Tokyo\\)$`));
    },
    TEST_BUDGET_MS,
  );
});
