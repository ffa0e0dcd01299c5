import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { clientWithActiveNumber, deliverAccountChange } from "../../../../test/support/webhooks";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const deliver = (wabaId: string, value: Record<string, unknown>) =>
  deliverAccountChange(app, wabaId, "account_update", value);

describe("account_update webhooks", () => {
  it("keeps what a volume pricing tier update and an event the product does not know carry, in the client's own audit log", async () => {
    const mine = await clientWithActiveNumber(app);
    const other = await clientWithActiveNumber(app);
    const tier = {
      tier_update_time: 1767225600,
      pricing_category: "UTILITY",
      region: "Rest of Africa",
      tier: "25001:50000",
    };
    await deliver(mine.wabaId, { event: "VOLUME_BASED_PRICING_TIER_UPDATE", volume_tier_info: tier });
    await deliver(mine.wabaId, { event: "SOMETHING_META_ADDS_LATER", surprise: { nested: [1, 2] } });

    const entries = (await mine.session.get("/api/audit")).json().entries as {
      action: string;
      metadata: Record<string, unknown>;
    }[];
    const updates = entries.filter((e) => e.action === "connection.account_update").map((e) => e.metadata);
    expect(updates).toEqual(
      expect.arrayContaining([
        { event: "VOLUME_BASED_PRICING_TIER_UPDATE", volume_tier_info: tier },
        { event: "SOMETHING_META_ADDS_LATER", surprise: { nested: [1, 2] } },
      ]),
    );
    const theirs = (await other.session.get("/api/audit")).json().entries as { action: string }[];
    expect(theirs.filter((e) => e.action === "connection.account_update")).toEqual([]);
  });
});
