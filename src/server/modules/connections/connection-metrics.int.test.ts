import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricSample } from "../../../../test/support/metrics";
import { buildConnection } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const DAY = 24 * 3600 * 1000;

/** One sample of `/metrics`, by its exact series (`name{labels}`); 0 when absent. */
const sample = async (series: string) => (await metricSample(app, series)) ?? 0;

describe("operational metrics", () => {
  it("counts connections by state and the tokens in use expiring within 7 days", async () => {
    const reconnectBefore = await sample('whatsapp_connections{state="needs_reconnect"}');
    const expiringBefore = await sample("whatsapp_tokens_expiring_soon");
    const now = Date.now();
    // Counted: a number to reconnect whose token expired yesterday, an active one expiring in 3 days.
    await buildConnection(app, { state: "needs_reconnect", tokenExpiresAt: new Date(now - DAY) });
    await buildConnection(app, { tokenExpiresAt: new Date(now + 3 * DAY) });
    // Not counted: 30 days away, no expiry, a disconnected number.
    await buildConnection(app, { tokenExpiresAt: new Date(now + 30 * DAY) });
    await buildConnection(app, { tokenExpiresAt: null });
    await buildConnection(app, { state: "disconnected", tokenExpiresAt: new Date(now + DAY) });

    expect(await sample('whatsapp_connections{state="needs_reconnect"}')).toBe(reconnectBefore + 1);
    expect(await sample("whatsapp_tokens_expiring_soon")).toBe(expiringBefore + 2);
  });

  it("reports the database reachable, and errors answered by their product code", async () => {
    expect(await sample("database_up")).toBe(1);
    const refused = await app.inject({ method: "GET", url: "/api/conversations" });
    const code = (refused.json() as { error: { code: string } }).error.code;
    expect(refused.statusCode).toBe(401);
    const before = await sample(`api_errors_total{code="${code}"}`);
    await app.inject({ method: "GET", url: "/api/conversations" });
    expect(await sample(`api_errors_total{code="${code}"}`)).toBe(before + 1);
  });
});
