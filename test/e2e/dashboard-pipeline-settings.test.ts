import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StageResponse } from "../../src/contracts/pipeline";
import type { Caller } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, type OwnerDashboard, openAsOwner } from "./support/browser";

// Settings → hiring stages: an owner drags a stage by its handle onto another's place, and the order
// is saved for the whole team; the arrows do the same from the keyboard.
describe.skipIf(browserSkipReason)("dashboard: ordering the hiring stages", () => {
  let owner: OwnerDashboard;
  let session: Caller;
  let page: Page;

  const savedOrder = async () =>
    (await session.get("/api/hiring-stages")).json<{ stages: StageResponse[] }>().stages.map((s) => s.name);
  const shownOrder = () =>
    page
      .locator(".pipeline-settings__item input[type=text]")
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));

  beforeAll(async () => {
    owner = await openAsOwner("/settings");
    ({ session, page } = owner);
  }, TEST_BUDGET_MS);

  afterAll(() => owner?.close());

  it(
    "drags « Entretien » onto « Contacté »'s place, then moves it back down with the arrow",
    async () => {
      const before = await savedOrder();
      expect(before.slice(0, 3)).toEqual(["Contacté", "Présélection", "Entretien"]);
      await page.getByRole("heading", { name: "Étapes de recrutement" }).waitFor({ timeout: PATIENCE_MS });
      await expect.poll(shownOrder, { timeout: PATIENCE_MS }).toEqual(before);

      await page
        .getByTestId("grip-Entretien")
        .dragTo(page.getByRole("textbox", { name: "Renommer Contacté" }));
      const dragged = ["Entretien", "Contacté", "Présélection", ...before.slice(3)];
      await expect.poll(shownOrder, { timeout: PATIENCE_MS }).toEqual(dragged);
      await expect.poll(savedOrder, { timeout: PATIENCE_MS }).toEqual(dragged);

      await page.getByRole("button", { name: "Descendre Entretien" }).click();
      const back = ["Contacté", "Entretien", "Présélection", ...before.slice(3)];
      await expect.poll(savedOrder, { timeout: PATIENCE_MS }).toEqual(back);
      await expect.poll(shownOrder, { timeout: PATIENCE_MS }).toEqual(back);
    },
    TEST_BUDGET_MS,
  );
});
