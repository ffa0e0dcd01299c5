import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber } from "../support/connected";
import { loginAs } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

const LIVE = PATIENCE_MS;
const NBSP = "\u00a0";

// A recruiter moves a candidate to "Entretien" and labels the chat "Urgent" from the chat header,
// sees the stage's chip in the list, then narrows the list to that stage and label (in the address,
// so a reload keeps it).
describe.skipIf(browserSkipReason)("dashboard: hiring stages and labels", () => {
  let app: AppServer;
  let phoneNumberId: string;
  let browser: Browser;
  let page: Page;

  async function inbound(from: string, profileName: string, body: string) {
    const response = await app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: { phoneNumberId, from, profileName, type: "text", text: { body } },
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
  }

  const list = () => page.getByRole("navigation", { name: "Conversations" });
  const row = (name: RegExp): Locator => list().getByRole("link", { name });
  const header = () => page.getByRole("main").locator("header");
  const labelOf = async (locator: Locator) => (await locator.getAttribute("aria-label")) ?? "";

  beforeAll(async () => {
    app = await startAppServer();
    const session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca");
    phoneNumberId = connection.phoneNumberId as string;
    const label = await session.post("/api/labels", { name: "Urgent", color: "red" });
    expect(label.statusCode, label.body).toBe(201);
    await inbound("212661112244", "Karim Idrissi", "Bonjour, je suis disponible pour un entretien.");
    await inbound("212677001133", "Salma Bennani", "Je vous envoie mon CV ce soir.");

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
    "sets a stage and a label from the chat header, shows the chip in the list, filters the list by them",
    async () => {
      await row(/^Karim Idrissi/).click();
      const stageButton = header().getByRole("button", { name: /^Changer l’étape/ });
      await expect.poll(() => labelOf(stageButton), { timeout: LIVE }).toContain("Sans étape");
      await stageButton.click();
      await page.getByRole("button", { name: /^Entretien$/ }).click();
      await expect.poll(() => labelOf(stageButton), { timeout: LIVE }).toContain("Entretien");
      // Focus came back to the picker's button.
      await expect.poll(() => stageButton.evaluate((el) => el === document.activeElement)).toBe(true);

      const labelsButton = header().getByRole("button", { name: /^Étiquettes de la conversation$/ });
      await labelsButton.click();
      const urgent = page.getByRole("button", { name: /^Urgent$/ });
      await urgent.click();
      await expect.poll(() => urgent.getAttribute("aria-pressed"), { timeout: LIVE }).toBe("true");
      await page.keyboard.press("Escape");
      await expect
        .poll(() => labelOf(header().getByRole("button", { name: /^Étiquettes/ })), { timeout: LIVE })
        .toBe(`Étiquettes${NBSP}: Urgent`);

      // The list's row: its chip, and its name read out with the stage and label.
      const karim = row(/^Karim Idrissi/);
      await expect
        .poll(() => karim.locator("[data-stage-chip]").textContent(), { timeout: LIVE })
        .toBe("Entretien");
      await expect.poll(() => labelOf(karim), { timeout: LIVE }).toContain(`Étape${NBSP}: Entretien`);
      await expect.poll(() => labelOf(karim), { timeout: LIVE }).toContain(`Étiquettes${NBSP}: Urgent`);

      // Filter by stage (its count in the option), then by label too.
      const stageFilter = list().getByRole("combobox", { name: "Étape" });
      await expect
        .poll(async () => (await stageFilter.locator("option").allTextContents()).join("|"), {
          timeout: LIVE,
        })
        .toContain("Entretien (1)");
      const interview = await stageFilter.locator("option", { hasText: "Entretien" }).getAttribute("value");
      await stageFilter.selectOption(interview!);
      await row(/^Salma Bennani/).waitFor({ state: "detached", timeout: LIVE });
      await karim.waitFor({ timeout: LIVE });
      await expect
        .poll(() => new URL(page.url()).searchParams.get("stage"), { timeout: LIVE })
        .toBe(interview);

      const labelFilter = list().getByRole("combobox", { name: "Étiquettes" });
      await expect
        .poll(async () => (await labelFilter.locator("option").allTextContents()).join("|"), {
          timeout: LIVE,
        })
        .toContain("Urgent (1)");
      await labelFilter.selectOption({ label: "Urgent (1)" });
      await expect
        .poll(() => new URL(page.url()).searchParams.get("label"), { timeout: LIVE })
        .not.toBeNull();
      await expect.poll(() => list().getByRole("link").count(), { timeout: LIVE }).toBe(1);

      // The address holds the filter: a reload shows the same list.
      await page.reload();
      await karim.waitFor({ timeout: LIVE });
      await expect.poll(() => stageFilter.inputValue(), { timeout: LIVE }).toBe(interview);
      await expect.poll(() => list().getByRole("link").count(), { timeout: LIVE }).toBe(1);

      // Back to every stage: Salma is listed again.
      await stageFilter.selectOption("");
      await labelFilter.selectOption("");
      await row(/^Salma Bennani/).waitFor({ timeout: LIVE });
    },
    TEST_BUDGET_MS,
  );
});
