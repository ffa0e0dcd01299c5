import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

const LIVE = PATIENCE_MS;
const TEST_TIMEOUT = TEST_BUDGET_MS;

// An owner writes the team's interview invitation in Settings, then answers a candidate with `/`:
// the list filters as they type, the keyboard picks, the candidate's first name and the recruiter's
// name are filled in, the job is left visible (and selected) to type over, and the reply goes out.
describe.skipIf(browserSkipReason)("dashboard: quick replies", () => {
  let app: AppServer;
  let session: Caller;
  let phoneNumberId: string;
  let browser: Browser;
  let page: Page;

  const composer = (): Locator => page.getByRole("textbox", { name: "Écrire un message" });
  const menu = (): Locator => page.getByRole("listbox", { name: "Réponses rapides" });
  async function openYassinesChat() {
    await page.goto(`${app.url}/inbox`);
    await page
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("link", { name: /^Yassine Benali/ })
      .click();
    await composer().waitFor();
  }

  beforeAll(async () => {
    app = await startAppServer();
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca");
    phoneNumberId = connection.phoneNumberId as string;
    // A candidate wrote: the window is open, the composer takes free text.
    const inbound = await app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: {
        phoneNumberId,
        from: "212661234567",
        profileName: "Yassine Benali",
        type: "text",
        text: { body: "Bonjour, je suis intéressé par votre offre." },
      },
    });
    expect(inbound.statusCode, inbound.body).toBeLessThan(300);
    // Another reply already exists, so the list has a choice to make.
    const relance = await session.post("/api/quick-replies", {
      scope: "personal",
      shortcut: "relance",
      title: "Relance sans réponse",
      language: "fr",
      body: "Bonjour {{prenom}}, avez-vous pu regarder notre message ?",
    });
    expect(relance.statusCode, relance.body).toBe(201);
    const arabic = await session.post("/api/quick-replies", {
      scope: "shared",
      shortcut: "entretien",
      title: "دعوة للمقابلة",
      language: "ar",
      body: "مرحبا {{prenom}}، نود دعوتك لمقابلة.",
    });
    expect(arabic.statusCode, arabic.body).toBe(201);

    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await loginThroughPage(page, app.url, "/settings", demoAccount.owner);
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "creates a team reply in Settings, with its variables previewed",
    async () => {
      const section = page.getByRole("region", { name: "Réponses rapides" });
      const team = section.locator('[data-scope="shared"]');
      await team.getByRole("button", { name: "Nouvelle réponse" }).click();
      const dialog = page.getByRole("dialog", { name: "Nouvelle réponse rapide" });
      // A typo in a variable is refused before it reaches the server.
      await dialog.getByLabel("Raccourci").fill("entretien");
      await dialog.getByLabel("Titre").fill("Invitation à l’entretien");
      await dialog.getByLabel("Langue").selectOption("fr");
      await dialog.getByLabel("Texte").fill("Bonjour {{prénom}}");
      await dialog.getByRole("button", { name: "Enregistrer" }).click();
      await dialog.getByText("Variable inconnue").waitFor();

      await dialog.getByLabel("Texte").fill("Bonjour ");
      await dialog.getByRole("button", { name: /^Prénom/ }).click();
      await page.keyboard.type(", nous aimerions vous rencontrer pour le poste de ");
      await dialog.getByRole("button", { name: /^Poste/ }).click();
      await page.keyboard.type(". ");
      await dialog.getByRole("button", { name: /^Recruteur/ }).click();
      expect(await dialog.getByLabel("Texte").inputValue()).toBe(
        "Bonjour {{prenom}}, nous aimerions vous rencontrer pour le poste de {{poste}}. {{recruteur}}",
      );
      const preview = dialog.locator(".quick-reply-preview");
      await expect.poll(() => preview.textContent(), { timeout: LIVE }).toContain(`Bonjour Yassine,`);
      expect(await preview.textContent()).toContain(`{{poste}}. ${demoAccount.owner.name}`);
      await dialog.getByRole("button", { name: "Enregistrer" }).click();
      await dialog.waitFor({ state: "detached" });
      // The Arabic `/entretien` is already listed: wait for the list to count the new one too.
      await expect.poll(() => team.locator(".quick-replies__item").count(), { timeout: LIVE }).toBe(2);
    },
    TEST_TIMEOUT,
  );

  it(
    "opens with / in the composer, filters, picks with the keyboard and sends with the variables filled",
    async () => {
      await openYassinesChat();
      // Meta charges free-form replies since October 2026: the composer says what this one costs
      // (the card's service row for Morocco, USD 0.0040 × 9.00).
      const replyQuote = page.locator('.composer__quote[data-quote="paid"]');
      await expect
        .poll(() => replyQuote.textContent(), { timeout: LIVE })
        .toMatch(/Réponse facturée par Meta.*0,04/);

      // `/` inside a word opens nothing; at the start it lists every reply.
      await composer().fill("");
      await composer().pressSequentially("a/");
      expect(await menu().count()).toBe(0);
      await composer().fill("");
      await composer().pressSequentially("/");
      await menu().waitFor();
      await expect.poll(() => menu().getByRole("option").count(), { timeout: LIVE }).toBe(3);
      // Escape closes the list and leaves the text.
      await composer().press("Escape");
      await menu().waitFor({ state: "detached" });
      expect(await composer().inputValue()).toBe("/");

      // Typing filters; arrows move; Enter picks.
      await composer().pressSequentially("ent");
      await menu().waitFor();
      const options = menu().getByRole("option");
      await expect.poll(() => options.count(), { timeout: LIVE }).toBe(2);
      await expect.poll(() => options.nth(0).getAttribute("aria-selected"), { timeout: LIVE }).toBe("true");
      await composer().press("ArrowDown");
      await expect.poll(() => options.nth(1).getAttribute("aria-selected"), { timeout: LIVE }).toBe("true");
      await composer().press("ArrowUp");
      const first = options.nth(0);
      await expect.poll(() => first.getAttribute("aria-selected"), { timeout: LIVE }).toBe("true");
      const firstIsFrench = ((await first.textContent()) ?? "").includes("Invitation à l’entretien");
      if (!firstIsFrench) await composer().press("ArrowDown");
      await composer().press("Enter");
      await menu().waitFor({ state: "detached" });

      const expected = `Bonjour Yassine, nous aimerions vous rencontrer pour le poste de {{poste}}. ${demoAccount.owner.name}`;
      await expect.poll(() => composer().inputValue(), { timeout: LIVE }).toBe(expected);
      // The job is unknown: its token is selected, so typing replaces it.
      await page.keyboard.type("technicien");
      const sent = expected.replace("{{poste}}", "technicien");
      expect(await composer().inputValue()).toBe(sent);
      await composer().press("Enter");
      await expect.poll(() => composer().inputValue(), { timeout: LIVE }).toBe("");
      await page
        .getByRole("feed")
        .locator("article", { hasText: "poste de technicien" })
        .waitFor({ timeout: LIVE });

      // The mouse picks too, and an Arabic body reads right to left in the composer.
      await composer().pressSequentially("/entretien");
      await menu()
        .getByRole("option", { name: /دعوة للمقابلة/ })
        .click();
      await expect
        .poll(() => composer().inputValue(), { timeout: LIVE })
        .toBe("مرحبا Yassine، نود دعوتك لمقابلة.");
      expect(await composer().evaluate((element) => getComputedStyle(element).direction)).toBe("rtl");
    },
    TEST_TIMEOUT,
  );

  it(
    "keeps what is typed right after an emoji is picked, even when the browser's frames come late",
    async () => {
      await openYassinesChat();
      await composer().fill("");
      await composer().pressSequentially("Bonjour ");
      // A loaded machine: the next animation frame comes 400 ms late. The focus must not wait for it.
      await page.evaluate(() => {
        window.requestAnimationFrame = (callback) =>
          window.setTimeout(() => callback(performance.now()), 400) as unknown as number;
      });
      await page.getByRole("button", { name: "Émojis" }).click();
      await page.getByRole("button", { name: "👍" }).click();
      await page.keyboard.type("merci");
      await expect.poll(() => composer().inputValue(), { timeout: LIVE }).toBe("Bonjour 👍merci");
      await composer().fill("");
    },
    TEST_TIMEOUT,
  );
});
