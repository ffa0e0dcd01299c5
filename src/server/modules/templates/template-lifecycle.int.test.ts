import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectedClient, eventually, simulatorControl } from "../../../../test/support/connected";
import type { Caller } from "../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { clientWithActiveNumber } from "../../../../test/support/webhooks";
import type { TemplateResponse } from "../../../contracts/templates";

/**
 * What Meta decides on its own about a template, with the simulator playing Meta, kept as data:
 * a recategorisation (before and after, on the template, in its history and the audit log, and in
 * the price a campaign is quoted), template pacing (the sends' `message_status`), and the
 * paused / disabled life cycle with Meta's reasons. Another client never sees any of it.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());
beforeEach(() => app.simulator!.reset());

const control = (url: string, payload?: object) => simulatorControl(app)(url, payload);
const values = (name: string) => [{ text: name }, { text: "cariste" }, { text: "Tanger" }];

async function readyTemplate(session: Caller) {
  return eventually(async () => {
    const list = (await session.get("/api/templates")).json().templates as TemplateResponse[];
    return list.find((t) => t.name === "job_opportunity" && t.language === "fr" && t.status === "APPROVED");
  });
}

const template = async (session: Caller, id: string) =>
  (await session.get(`/api/templates/${id}`)).json<TemplateResponse>();

const audit = async (session: Caller) =>
  (await session.get("/api/audit")).json().entries as {
    action: string;
    targetId: string | null;
    metadata: Record<string, unknown>;
  }[];

describe("templates Meta changes on its own", () => {
  it("keeps a recategorisation's before and after, audits it, and quotes campaigns at the new category's price", async () => {
    const { session, connection } = await connectedClient(app, "casablanca");
    const stored = await readyTemplate(session);
    expect(stored).toMatchObject({ category: "MARKETING", previousCategory: null, pacing: null });
    const draft = {
      connectionId: connection.id,
      template: { name: "job_opportunity", language: "fr" },
      recipients: [{ phone: "+212670000101", name: "Sara", body: values("Sara") }],
    };
    const before = (await session.post("/api/campaigns/estimate", draft)).json();
    expect(before.category).toBe("MARKETING");

    await control(`templates/${stored.metaTemplateId}/decision`, { category: "UTILITY" });
    const after = await eventually(async () => {
      const t = await template(session, stored.id);
      return t.category === "UTILITY" ? t : undefined;
    });
    expect(after.previousCategory).toBe("MARKETING");
    expect(after.history.at(-1)).toMatchObject({
      kind: "category",
      category: "UTILITY",
      previousCategory: "MARKETING",
    });
    const entry = (await audit(session)).find((e) => e.action === "template.recategorised");
    expect(entry).toMatchObject({ targetId: stored.id, metadata: { from: "MARKETING", to: "UTILITY" } });

    // The quote follows: a utility template to a candidate outside the window, at utility's price.
    const quoted = (await session.post("/api/campaigns/estimate", draft)).json();
    expect(quoted.category).toBe("UTILITY");
    expect(quoted.pricePerMessageMad).not.toBe(before.pricePerMessageMad);
    expect(quoted.pricePerMessageMad).toBeLessThan(before.pricePerMessageMad);

    // Another client sees none of it.
    const other = await clientWithActiveNumber(app);
    expect((await other.session.get(`/api/templates/${stored.id}`)).statusCode).toBe(404);
    expect((await audit(other.session)).some((e) => e.targetId === stored.id)).toBe(false);
  }, 90_000);

  it("keeps Meta's pacing of a template from its sends' answers, until Meta accepts them again", async () => {
    const { session, connection } = await connectedClient(app, "casablanca");
    const stored = await readyTemplate(session);
    const send = (to: string) =>
      session.post("/api/messages/send", {
        connectionId: connection.id,
        to,
        template: { name: "job_opportunity", language: "fr", body: values("Sara") },
      });
    await control(`templates/${stored.metaTemplateId}/decision`, { pacing: "held_for_quality_assessment" });
    expect((await send("+212670000201")).statusCode).toBe(202);
    const paced = await eventually(async () => {
      const t = await template(session, stored.id);
      return t.pacing ? t : undefined;
    });
    expect(paced.pacing?.status).toBe("held_for_quality_assessment");
    expect(new Date(paced.pacing!.since).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(paced.status).toBe("APPROVED");

    await control(`templates/${stored.metaTemplateId}/decision`, { pacing: null });
    expect((await send("+212670000202")).statusCode).toBe(202);
    await eventually(async () => (await template(session, stored.id)).pacing === null);
  }, 90_000);

  it("pauses and disables with Meta's reasons, in the template, its history and the audit log", async () => {
    const { session } = await connectedClient(app, "casablanca");
    const stored = await readyTemplate(session);
    await control(`templates/${stored.metaTemplateId}/decision`, { quality: "RED" });
    await control(`templates/${stored.metaTemplateId}/decision`, { status: "PAUSED", title: "FIRST_PAUSE" });
    const paused = await eventually(async () => {
      const t = await template(session, stored.id);
      return t.status === "PAUSED" ? t : undefined;
    });
    expect(paused).toMatchObject({ statusReason: "FIRST_PAUSE", qualityScore: "RED" });
    await control(`templates/${stored.metaTemplateId}/decision`, { status: "DISABLED" });
    const disabled = await eventually(async () => {
      const t = await template(session, stored.id);
      return t.status === "DISABLED" ? t : undefined;
    });
    expect(disabled.statusReason).toBe("DISABLED");
    expect(
      disabled.history.map((h) => [h.kind, h.kind === "quality" ? h.qualityScore : h.status, h.reason]),
    ).toEqual([
      ["quality", "RED", undefined],
      ["status", "PAUSED", "FIRST_PAUSE"],
      ["status", "DISABLED", "DISABLED"],
    ]);
    // Meta's words that came with it.
    expect(disabled.history.at(-1)!.detail).toEqual(expect.any(String));
    const actions = (await audit(session)).filter((e) => e.targetId === stored.id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["template.paused", "template.disabled"]));
  }, 90_000);
});
