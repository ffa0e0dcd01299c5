import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, type OwnerDashboard, openAsOwner } from "./support/browser";

// An owner sets the inbox rules in the settings (round robin, Friday closed, an earlier Monday, the
// away reply in Arabic), and a teammate says from the account menu that they are away.
describe.skipIf(browserSkipReason)("dashboard: the inbox rules", () => {
  let owner: OwnerDashboard;
  let session: Caller;
  let page: Page;

  beforeAll(async () => {
    owner = await openAsOwner("/settings", { viewport: { width: 1440, height: 900 } });
    ({ session, page } = owner);
  }, TEST_BUDGET_MS);

  afterAll(() => owner?.close());

  it(
    "saves the assignment rule, the business hours and the away message",
    async () => {
      await page.goto(`${owner.app.url}/settings`);
      const section = page.getByRole("region", { name: "Règles de la boîte de réception" });
      await section.getByRole("radio", { name: "À tour de rôle entre les membres disponibles" }).check();
      await section.getByRole("checkbox", { name: /^Vendredi.*ouvert$/ }).uncheck();
      await section.getByLabel(/^Lundi.*ouverture$/).fill("08:30");
      await section.getByRole("checkbox", { name: /Répondre automatiquement/ }).check();
      await section.getByLabel("Message en arabe").fill("نحن غائبون، سنرد عليك قريبًا");
      await section.getByRole("button", { name: "Enregistrer" }).click();
      await section.getByText("Modifications enregistrées").waitFor({ timeout: PATIENCE_MS });

      const saved = (await session.get("/api/automation")).json();
      expect(saved).toMatchObject({
        assignmentMode: "round_robin",
        awayReplyEnabled: true,
        businessHours: { monday: { open: "08:30", close: "18:00" }, friday: null },
        awayMessages: { ar: "نحن غائبون، سنرد عليك قريبًا" },
      });
    },
    TEST_BUDGET_MS,
  );

  it(
    "lets a teammate say they are away from the account menu",
    async () => {
      await page.getByRole("button", { name: "Mon compte" }).click();
      const available = page.getByRole("switch", { name: /Disponible/ });
      await expect.poll(() => available.isChecked(), { timeout: PATIENCE_MS }).toBe(true);
      await available.uncheck();
      await expect
        .poll(async () => (await session.get("/api/auth/session")).json().user.isAvailable, {
          timeout: PATIENCE_MS,
        })
        .toBe(false);
    },
    TEST_BUDGET_MS,
  );
});
