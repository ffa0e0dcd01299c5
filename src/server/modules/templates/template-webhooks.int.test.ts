import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { clientWithActiveNumber, deliverAccountChange } from "../../../../test/support/webhooks";
import type { TemplateResponse } from "../../../contracts/templates";
import { tenantRepositories } from "../tenant-repositories";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

let metaIds = 880_000_000;
const deliver = (wabaId: string, field: string, value: Record<string, unknown>) =>
  deliverAccountChange(app, wabaId, field, value);

async function storedTemplate(clientId: string, connectionId: string) {
  const metaTemplateId = String(++metaIds);
  const row = await tenantRepositories(app.database.db, clientId).templates.insertSubmitted(connectionId, {
    metaTemplateId,
    name: `modele_${metaTemplateId}`,
    language: "fr",
    category: "MARKETING",
    status: "PENDING",
    qualityScore: null,
    parameterFormat: "POSITIONAL",
    components: [
      {
        type: "BODY",
        text: "Bonjour {{1}}, une offre pour vous chez nous.",
        example: { body_text: [["Ali"]] },
      },
    ],
    rejectionReason: null,
    statusReason: null,
  });
  return { row, metaTemplateId: Number(metaTemplateId) };
}

describe("template webhooks", () => {
  it("writes each of Meta's changes into the template and its history, once, and announces it", async () => {
    const owner = await clientWithActiveNumber(app);
    const { row, metaTemplateId } = await storedTemplate(owner.clientId, owner.connection.id);
    const id = {
      message_template_id: metaTemplateId,
      message_template_name: row.name,
      message_template_language: "fr",
    };
    const approved = { event: "APPROVED", ...id, reason: null, message_template_category: "MARKETING" };
    await deliver(owner.wabaId, "message_template_status_update", approved);
    await deliver(owner.wabaId, "message_template_status_update", { ...approved, reason: "NONE" });
    await deliver(owner.wabaId, "template_category_update", {
      ...id,
      new_category: "MARKETING",
      correct_category: "UTILITY",
      category_update_timestamp: 1_900_000_000,
    });
    await deliver(owner.wabaId, "template_category_update", {
      ...id,
      previous_category: "MARKETING",
      new_category: "UTILITY",
    });
    await deliver(owner.wabaId, "message_template_quality_update", {
      ...id,
      previous_quality_score: "UNKNOWN",
      new_quality_score: "YELLOW",
    });
    await deliver(owner.wabaId, "message_template_status_update", {
      event: "PAUSED",
      ...id,
      reason: null,
      other_info: {
        title: "RATE_LIMITING_PAUSE",
        description: "Paced while Meta looks at how people react.",
      },
    });
    const template = (await owner.session.get(`/api/templates/${row.id}`)).json() as TemplateResponse;
    expect(template).toMatchObject({
      status: "PAUSED",
      statusReason: "RATE_LIMITING_PAUSE",
      category: "UTILITY",
      qualityScore: "YELLOW",
    });
    expect(
      template.history.map((h) => [h.kind, h.status, h.category ?? h.qualityScore ?? h.reason ?? null]),
    ).toEqual([
      ["status", "APPROVED", null],
      ["category", "APPROVED", "UTILITY"],
      ["category", "APPROVED", "UTILITY"],
      ["quality", "APPROVED", "YELLOW"],
      ["status", "PAUSED", "RATE_LIMITING_PAUSE"],
    ]);
    expect(template.history[1]).toMatchObject({
      reason: "CATEGORY_CHANGE_SCHEDULED",
      detail: "2030-03-17T17:46:40.000Z",
    });
    const { rows } = await app.database.query(
      "SELECT payload FROM domain_events WHERE client_id = $1 AND type = 'template:updated' ORDER BY id",
      [owner.clientId],
    );
    const payloads = rows.map((r) => (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload));
    expect(payloads.map((p) => p.change)).toEqual(["status", "category", "category", "quality", "status"]);
  });

  it("keeps a change for a template not stored yet, attached once the template is stored", async () => {
    const owner = await clientWithActiveNumber(app);
    const metaTemplateId = ++metaIds;
    await deliver(owner.wabaId, "message_template_status_update", {
      event: "REJECTED",
      message_template_id: metaTemplateId,
      message_template_name: "pas_encore_la",
      message_template_language: "fr",
      reason: "INVALID_FORMAT",
      rejection_info: { reason: "INVALID_FORMAT", recommendation: "Fix the format." },
    });
    const { rows } = await app.database.query(
      "SELECT kind, status, reason, template_id FROM template_events WHERE client_id = $1",
      [owner.clientId],
    );
    expect(rows).toEqual([
      { kind: "status", status: "REJECTED", reason: "INVALID_FORMAT", template_id: null },
    ]);
    metaIds = metaTemplateId - 1;
    const { row } = await storedTemplate(owner.clientId, owner.connection.id);
    const repos = tenantRepositories(app.database.db, owner.clientId);
    const adopted = await repos.templateEvents.adoptParked(
      owner.connection.id,
      String(metaTemplateId),
      row.id,
    );
    expect(adopted.map((e) => [e.status, e.detail])).toEqual([["REJECTED", "Fix the format."]]);
    const template = (await owner.session.get(`/api/templates/${row.id}`)).json() as TemplateResponse;
    expect(template.history).toEqual([expect.objectContaining({ kind: "status", status: "REJECTED" })]);
  });

  it("changes nothing for another client's template", async () => {
    const owner = await clientWithActiveNumber(app);
    const other = await clientWithActiveNumber(app);
    const { row, metaTemplateId } = await storedTemplate(owner.clientId, owner.connection.id);
    await deliver(other.wabaId, "message_template_status_update", {
      event: "DISABLED",
      message_template_id: metaTemplateId,
      message_template_name: row.name,
      message_template_language: "fr",
    });
    expect(((await owner.session.get(`/api/templates/${row.id}`)).json() as TemplateResponse).status).toBe(
      "PENDING",
    );
    expect((await other.session.get(`/api/templates/${row.id}`)).statusCode).toBe(404);
  });
});

describe("template webhooks Meta may send one day", () => {
  it("keeps a reason it does not know and never fails the delivery on values it cannot read", async () => {
    const owner = await clientWithActiveNumber(app);
    const odd = [
      ["template_category_update", { message_template_id: 1, new_category: { not: "a category" } }],
      ["template_category_update", { message_template_id: "2", previous_category: 7, new_category: null }],
      ["message_template_status_update", { message_template_id: 3, event: "SOMETHING_NEW", reason: 42 }],
      [
        "message_template_status_update",
        { message_template_id: 4, event: "PAUSED", reason: "NEW_PAUSE_REASON" },
      ],
      ["message_template_quality_update", { message_template_id: 5, new_quality_score: ["RED"] }],
    ] as const;
    // Each is processed without an error (deliverAccountChange fails otherwise) and kept raw.
    for (const [field, value] of odd) await deliverAccountChange(app, owner.wabaId, field, value);
    const { rows } = await app.database.query(
      "SELECT kind, status, reason FROM template_events WHERE client_id = $1 AND meta_template_id = '4'",
      [owner.clientId],
    );
    expect(rows).toEqual([{ kind: "status", status: "PAUSED", reason: "NEW_PAUSE_REASON" }]);
  });
});
