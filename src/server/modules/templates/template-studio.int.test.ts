import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedClient, eventually, simulatorControl } from "../../../../test/support/connected";
import { apiKeyCaller, buildUser, type Caller, loginAs } from "../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import type { TemplateDraft } from "../../../contracts/template-rules";
import {
  type CreateTemplatesResponse,
  STARTER_KEYS,
  type TemplateResponse,
} from "../../../contracts/templates";

let app: TestApp;
let control: ReturnType<typeof simulatorControl>;
let a: Awaited<ReturnType<typeof connectedClient>>;
let b: Awaited<ReturnType<typeof connectedClient>>;

beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
  control = simulatorControl(app);
  // Meta's review decides at once; rules below decide how.
  await control("templates/review-delay", { ms: 0 });
  a = await connectedClient(app);
  b = await connectedClient(app, "atlas");
});
afterAll(() => app.close());

const draft = (name: string, languages: ("fr" | "ar" | "en")[] = ["fr"]): TemplateDraft => ({
  name,
  category: "UTILITY",
  parameterFormat: "NAMED",
  translations: languages.map((language) => ({
    language,
    header: null,
    body: {
      text:
        language === "ar"
          ? "مرحبا {{first_name}}، شكرا على ترشحك، سنتصل بك قريبا جدا."
          : language === "fr"
            ? "Bonjour {{first_name}}, merci pour votre candidature, nous revenons vers vous très vite."
            : "Hello {{first_name}}, thank you for your application, we will get back to you soon.",
      examples: { first_name: language === "ar" ? "سلمى" : "Salma" },
    },
    footer: null,
    buttons: [
      { type: "QUICK_REPLY", text: language === "ar" ? "شكرا" : "Merci" },
      { type: "URL", text: "Offre", url: "https://jobs.example.ma/o/{{1}}", example: "42" },
    ],
  })),
});

async function create(session: Caller, body: TemplateDraft, connectionId = a.connection.id) {
  return session.post("/api/templates", { connectionId, ...body });
}

const one = async (session: Caller, id: string) =>
  (await session.get(`/api/templates/${id}`)).json() as TemplateResponse;

const settled = (session: Caller, id: string, status: string) =>
  eventually(async () => {
    const template = await one(session, id);
    return template.status === status && template;
  });

/** The `template:updated` events recorded for a client, oldest first. */
async function templateEvents(clientId: string) {
  const { rows } = await app.database.query(
    "SELECT payload FROM domain_events WHERE client_id = $1 AND type = 'template:updated' ORDER BY id",
    [clientId],
  );
  return rows.map((r) => (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload)) as {
    change: string;
    templateId: string;
    template: TemplateResponse | null;
  }[];
}

describe("creating templates", () => {
  it("submits each language, follows Meta's review to approval, and keeps the story", async () => {
    const response = await create(a.session, draft("candidature_recue", ["fr", "ar"]));
    expect(response.statusCode, response.body).toBe(201);
    const { templates, failures } = response.json() as CreateTemplatesResponse;
    expect(failures).toEqual([]);
    expect(templates.map((t) => t.language)).toEqual(["fr", "ar"]);
    expect(templates[0]).toMatchObject({
      name: "candidature_recue",
      category: "UTILITY",
      parameterFormat: "NAMED",
      content: { body: { examples: { first_name: "Salma" } } },
    });
    // The button's sample is Meta's whole link; the form reads back the variable's value.
    const [fr] = templates as [TemplateResponse];
    const buttons = (fr.components.find((c) => c.type === "BUTTONS") as { buttons: unknown[] }).buttons;
    expect(buttons[1]).toMatchObject({ example: ["https://jobs.example.ma/o/42"] });
    expect(templates[0]?.content?.buttons[1]).toMatchObject({ example: "42" });
    for (const template of templates) {
      const approved = await settled(a.session, template.id, "APPROVED");
      expect(approved.history.map((h) => [h.kind, h.status])).toEqual([
        ["submitted", "PENDING"],
        ["status", "APPROVED"],
      ]);
    }
    const events = (await templateEvents(a.clientId)).filter((e) => e.templateId === templates[0]?.id);
    expect(events[0]).toMatchObject({ change: "created", template: { name: "candidature_recue" } });
    expect(events.at(-1)?.template?.status).toBe("APPROVED");
    const audit = await app.database.query(
      "SELECT action FROM audit_log WHERE client_id = $1 AND target_id = $2",
      [a.clientId, templates[0]?.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(["template.submitted"]);
  });

  it("records a rejection with Meta's reason and recommendation", async () => {
    await control("templates/review-rules", {
      match: { name: "^relance_" },
      decision: "REJECTED",
      reason: "TAG_CONTENT_MISMATCH",
    });
    const created = (await create(a.session, draft("relance_douce"))).json() as CreateTemplatesResponse;
    const rejected = await settled(a.session, created.templates[0]?.id as string, "REJECTED");
    expect(rejected).toMatchObject({
      statusReason: "TAG_CONTENT_MISMATCH",
      rejectionReason: "TAG_CONTENT_MISMATCH",
    });
    expect(rejected.history.at(-1)).toMatchObject({
      kind: "status",
      status: "REJECTED",
      reason: "TAG_CONTENT_MISMATCH",
      detail: expect.stringContaining("policy"),
    });
  });

  it("refuses a draft the shared rules refuse, every problem at its field", async () => {
    const bad = draft("Bad Name", ["fr", "fr"]);
    const first = bad.translations[0]!;
    first.body = { text: "{{first_name}} {{job}}, merci.", examples: {} };
    const response = await create(a.session, bad);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe("validation_failed");
    const problems = (error.details as { field: string; code: string }[]).map((p) => `${p.field} ${p.code}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        "body.name name_format",
        "body.translations.1.language language_duplicate",
        "body.translations.0.body.text variable_at_edge",
        "body.translations.0.body.text variables_adjacent",
        "body.translations.0.body.examples.first_name example_required",
      ]),
    );
  });

  it("says in words when Meta refuses a language, and keeps the languages it took", async () => {
    const refused = await create(a.session, { ...draft("job_opportunity", ["fr"]), category: "MARKETING" });
    expect(refused.statusCode).toBe(400);
    const { error } = refused.json();
    expect(error.code).toBe("meta_error");
    expect(error.message).toContain("already exists");
    expect(error.details.failures[0]).toMatchObject({
      language: "fr",
      metaCode: 100,
      metaSubcode: 2388024,
      rule: "duplicate_name_language",
    });
    const partly = await a.session.post("/api/templates/starter-pack", {
      connectionId: a.connection.id,
      key: "application_received",
      languages: ["fr", "en"],
    });
    expect(partly.statusCode, partly.body).toBe(201);
    const result = partly.json() as CreateTemplatesResponse;
    expect(result.templates.map((t) => t.language)).toEqual(["en"]);
    expect(result.failures).toEqual([
      expect.objectContaining({ language: "fr", rule: "duplicate_name_language" }),
    ]);
  });

  it("uploads a media header's sample for a handle, and submits the header with it", async () => {
    const upload = await a.session.request({
      method: "POST",
      url: `/api/templates/media?connectionId=${a.connection.id}&filename=logo.png`,
      headers: { "content-type": "image/png" },
      payload: Buffer.from("\x89PNG fake image bytes", "latin1"),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const { handle, format } = upload.json();
    expect(format).toBe("IMAGE");
    const withImage = draft("offre_avec_logo");
    withImage.translations[0]!.header = { format: "IMAGE", mediaHandle: handle };
    const created = await create(a.session, withImage);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().templates[0].content.header).toEqual({ format: "IMAGE", mediaHandle: handle });
    const refused = await a.session.request({
      method: "POST",
      url: `/api/templates/media?connectionId=${a.connection.id}`,
      headers: { "content-type": "image/gif" },
      payload: Buffer.from("GIF89a"),
    });
    expect(refused.json().error.code).toBe("validation_failed");
  });
});

describe("after submission", () => {
  it("edits within Meta's limits: once a day on an approved template, never its category", async () => {
    const created = (
      await create(a.session, draft("entretien_modifiable"))
    ).json() as CreateTemplatesResponse;
    const id = created.templates[0]?.id as string;
    const approved = await settled(a.session, id, "APPROVED");
    const content = approved.content!;
    const locked = await a.session.patch(`/api/templates/${id}`, { category: "MARKETING" });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.details).toEqual({ reason: "category_locked" });
    // Meta's webhooks carry the time in whole seconds, and a byte-identical delivery is a re-send:
    // the edit's approval comes in a later second than the first one, as it always does at Meta.
    await control("templates/review-delay", { ms: 1_100 });
    const edited = await a.session.patch(`/api/templates/${id}`, {
      content: { ...content, body: { ...content.body, text: `${content.body.text} Bonne journée.` } },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().approvedEdits).toHaveLength(1);
    const again = await settled(a.session, id, "APPROVED").finally(() =>
      control("templates/review-delay", { ms: 0 }),
    );
    expect(again.history.map((h) => h.kind)).toEqual(["submitted", "status", "edited", "status"]);
    const tooSoon = await a.session.patch(`/api/templates/${id}`, { content });
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.json().error).toMatchObject({ code: "conflict", details: { reason: "edited_today" } });
  });

  it("follows pauses and quality ratings, and refuses sends of a template deleted at Meta in words", async () => {
    const created = (await create(a.session, draft("suivi_qualite"))).json() as CreateTemplatesResponse;
    const template = await settled(a.session, created.templates[0]?.id as string, "APPROVED");
    await control(`templates/${template.metaTemplateId}/decision`, {
      quality: "RED",
      status: "PAUSED",
      title: "FIRST_PAUSE",
    });
    const paused = await settled(a.session, template.id, "PAUSED");
    expect(paused).toMatchObject({ statusReason: "FIRST_PAUSE", qualityScore: "RED" });
    expect(paused.history.slice(-2).map((h) => [h.kind, h.status, h.qualityScore ?? h.reason])).toEqual([
      ["quality", "APPROVED", "RED"],
      ["status", "PAUSED", "FIRST_PAUSE"],
    ]);
    await app.inject({ method: "DELETE", url: `/simulator/control/templates/${template.metaTemplateId}` });
    await settled(a.session, template.id, "DELETED");
    const send = await a.session.post("/api/messages/send", {
      connectionId: a.connection.id,
      to: "0612345678",
      template: { name: "suivi_qualite", language: "fr", body: [{ name: "first_name", text: "Youssef" }] },
    });
    expect(send.json().error).toMatchObject({
      code: "template_not_found",
      message: expect.stringContaining("deleted at WhatsApp"),
    });
  });

  it("deletes one language at Meta and here, and says so", async () => {
    const created = (
      await create(a.session, draft("a_supprimer", ["fr", "en"]))
    ).json() as CreateTemplatesResponse;
    const [fr, en] = created.templates as [TemplateResponse, TemplateResponse];
    const deleted = await a.session.delete(`/api/templates/${fr.id}`);
    expect(deleted.json()).toEqual({ id: fr.id, deleted: true });
    expect((await a.session.get(`/api/templates/${fr.id}`)).statusCode).toBe(404);
    expect((await a.session.get(`/api/templates/${en.id}`)).statusCode).toBe(200);
    const world = (await control("state")).json() as {
      wabas: { templates: { name: string; language: string }[] }[];
    };
    const atMeta = world.wabas.flatMap((w) => w.templates).filter((t) => t.name === "a_supprimer");
    expect(atMeta.map((t) => t.language)).toEqual(["en"]);
    // The last event about the deleted language says so (Meta's review of the other language may
    // still be announced after it).
    const aboutFr = (await templateEvents(a.clientId)).filter((e) => e.templateId === fr.id);
    expect(aboutFr.at(-1)).toMatchObject({ change: "deleted", templateId: fr.id, template: null });
  });
});

describe("the starter pack", () => {
  it("lists the recruiting templates with the ones the number has, and submits one with the company's name", async () => {
    const listed = await a.session.get(
      `/api/templates/starter-pack?connectionId=${a.connection.id}&companyName=Atlas RH`,
    );
    expect(listed.statusCode, listed.body).toBe(200);
    const starters = listed.json().starters as {
      key: string;
      category: string;
      existing: { language: string }[];
      translations: { language: string; body: { text: string } }[];
    }[];
    expect(starters.map((s) => s.key)).toEqual([...STARTER_KEYS]);
    const job = starters.find((s) => s.key === "job_opportunity")!;
    expect(job.category).toBe("MARKETING");
    expect(job.existing.map((e) => e.language).sort()).toEqual(["ar", "en", "fr"]);
    expect(job.translations.every((t) => t.body.text.includes("Atlas RH"))).toBe(true);

    const followUp = await a.session.post("/api/templates/starter-pack", {
      connectionId: a.connection.id,
      key: "application_follow_up",
      languages: ["fr", "ar", "en"],
      companyName: "Atlas RH",
    });
    expect(followUp.statusCode, followUp.body).toBe(201);
    const created = followUp.json() as CreateTemplatesResponse;
    expect(created.templates.map((t) => t.language)).toEqual(["fr", "ar", "en"]);
    expect(created.templates[1]?.content?.body.text).toContain("Atlas RH");
    expect(created.templates[0]?.content?.buttons).toHaveLength(2);
  });

  it("creates from Meta's library where it has the template, approved at once", async () => {
    const response = await a.session.post("/api/templates/starter-pack", {
      connectionId: a.connection.id,
      key: "interview_reminder",
      languages: ["fr", "ar"],
    });
    expect(response.statusCode, response.body).toBe(201);
    const { templates } = response.json() as CreateTemplatesResponse;
    expect(templates.map((t) => [t.language, t.status])).toEqual([
      ["fr", "APPROVED"],
      ["ar", "APPROVED"],
    ]);
    expect(templates[0]?.parameterFormat).toBe("POSITIONAL");
    expect(templates[0]?.history[0]).toMatchObject({ kind: "submitted", status: "APPROVED" });
  });
});

describe("who may", () => {
  it("keeps another client's templates and history out of reach: 404, nothing changed", async () => {
    const created = (await create(a.session, draft("prive_client_a"))).json() as CreateTemplatesResponse;
    const id = created.templates[0]?.id as string;
    const theirs = (await b.session.get("/api/templates")).json().templates as TemplateResponse[];
    expect(theirs.some((t) => t.id === id || t.name === "prive_client_a")).toBe(false);
    expect((await b.session.get(`/api/templates/${id}`)).statusCode).toBe(404);
    expect((await b.session.patch(`/api/templates/${id}`, { category: "MARKETING" })).statusCode).toBe(404);
    expect((await b.session.delete(`/api/templates/${id}`)).statusCode).toBe(404);
    expect((await create(b.session, draft("vole"), a.connection.id)).statusCode).toBe(404);
    expect(
      (await b.session.get(`/api/templates/starter-pack?connectionId=${a.connection.id}`)).statusCode,
    ).toBe(404);
    expect(
      (
        await b.session.request({
          method: "POST",
          url: `/api/templates/media?connectionId=${a.connection.id}`,
          headers: { "content-type": "image/png" },
          payload: Buffer.from("png"),
        })
      ).statusCode,
    ).toBe(404);
    expect((await one(a.session, id)).history.length).toBeGreaterThan(0);
  });

  it("lets owners, admins and keys with templates:write submit; recruiters and read-only keys only read", async () => {
    const recruiter = await loginAs(app, await buildUser(app, { clientId: a.clientId, role: "recruiter" }));
    expect((await recruiter.get("/api/templates")).statusCode).toBe(200);
    expect((await create(recruiter, draft("par_recruteur"))).statusCode).toBe(403);
    const admin = await loginAs(app, await buildUser(app, { clientId: a.clientId, role: "admin" }));
    expect((await create(admin, draft("par_admin"))).statusCode).toBe(201);
    const reader = await apiKeyCaller(app, a.owner, ["templates:read"]);
    expect((await reader.caller.get("/api/templates")).statusCode).toBe(200);
    expect((await create(reader.caller, draft("par_cle_lecture"))).json().error.code).toBe("forbidden");
    const writer = await apiKeyCaller(app, a.owner, ["templates:write"]);
    expect((await create(writer.caller, draft("par_cle"))).statusCode).toBe(201);
  });
});
