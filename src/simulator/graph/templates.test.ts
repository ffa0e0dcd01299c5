import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type Loose, waitFor } from "../testing/harness";
import { EDIT_LIMIT_SUBCODE } from "./templates.routes";

let h: Harness;
beforeEach(async () => {
  h = await createHarness({ templateReviewDelayMs: 0 });
});
afterEach(async () => {
  await h.close();
});

const body = (text: string, values: string[] = []) => ({
  type: "BODY",
  text,
  ...(values.length > 0 ? { example: { body_text: [values] } } : {}),
});

function create(template: Record<string, unknown>) {
  return h.graph("POST", `/v23.0/${h.wabaId}/message_templates`, {
    language: "fr",
    category: "UTILITY",
    ...template,
  });
}

/** The status webhooks received for one template, in order. */
const statusesOf = (id: string) =>
  h.receiver.values("message_template_status_update").filter((v) => String(v.message_template_id) === id);

describe("creating templates, as Meta checks them", () => {
  it.each([
    ["a body over 1024 characters", [body(`Bonjour ${"a".repeat(1030)}`)], 2388040],
    [
      "too many variables for its length",
      [body("Bonjour {{1}}, poste {{2}} à {{3}} ok.", ["A", "B", "C"])],
      2388293,
    ],
    ["a variable at the end", [body("Merci de votre visite, {{1}}.", ["Ali"])], 2388299],
    ["a variable at the start", [body("{{1}}, merci de votre candidature chez nous.", ["Ali"])], 2388299],
    [
      "adjacent variables",
      [body("Bonjour {{1}} {{2}}, merci de votre candidature chez nous.", ["A", "B"])],
      2388072,
    ],
    ["a variable without a sample", [body("Bonjour {{1}}, merci de votre candidature chez nous.")], 2388043],
    [
      "variables with a gap",
      [body("Bonjour {{1}}, le poste {{3}} est ouvert chez nous aujourd'hui.", ["A", "B"])],
      2388043,
    ],
    [
      "a header with two variables",
      [
        { type: "HEADER", format: "TEXT", text: "{{1}} et {{2}}", example: { header_text: ["a", "b"] } },
        body("Merci de votre candidature chez nous."),
      ],
      2388047,
    ],
    [
      "a footer with a variable",
      [body("Merci de votre candidature chez nous."), { type: "FOOTER", text: "Equipe {{1}}" }],
      2388073,
    ],
    [
      "an image header without a sample",
      [{ type: "HEADER", format: "IMAGE" }, body("Merci de votre candidature chez nous.")],
      2388047,
    ],
  ])("refuses %s with its subcode and Meta's words", async (_what, components, subcode) => {
    const res = await create({ name: "checked", components });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 100, error_subcode: subcode });
    expect(res.body.error.error_user_msg).toEqual(expect.any(String));
  });

  it("refuses a name and language that exist, in words", async () => {
    const res = await create({
      name: "job_opportunity",
      components: [body("Bonjour, une offre pour vous.")],
    });
    expect(res.body.error).toMatchObject({
      code: 100,
      error_subcode: 2388024,
      error_user_title: "Content in this language already exists",
    });
    expect(res.body.error.error_user_msg).toContain("French");
  });
});

describe("review", () => {
  it("approves by default, rejects what a rule matches with its reason, and recategorises", async () => {
    await h.control("POST", "/templates/review-rules", {
      match: { name: "^promo_" },
      decision: "REJECTED",
      reason: "TAG_CONTENT_MISMATCH",
    });
    await h.control("POST", "/templates/review-rules", {
      match: { bodyContains: "offre" },
      decision: "APPROVED",
      category: "MARKETING",
    });
    const plain = await create({
      name: "plain_one",
      components: [body("Merci de votre candidature chez nous.")],
    });
    const promo = await create({
      name: "promo_one",
      components: [body("Merci de votre candidature chez nous.")],
    });
    const offer = await create({ name: "offer_one", components: [body("Une offre pour vous chez nous.")] });
    expect((await waitFor(() => statusesOf(plain.body.id)[0])).event).toBe("APPROVED");
    const rejected = await waitFor(() => statusesOf(promo.body.id)[0]);
    expect(rejected).toMatchObject({
      event: "REJECTED",
      reason: "TAG_CONTENT_MISMATCH",
      rejection_info: { reason: "TAG_CONTENT_MISMATCH" },
    });
    expect((await waitFor(() => statusesOf(offer.body.id)[0])).event).toBe("APPROVED");
    const recategorised = h.receiver
      .values("template_category_update")
      .find((v) => String(v.message_template_id) === offer.body.id);
    expect(recategorised).toMatchObject({ previous_category: "UTILITY", new_category: "MARKETING" });
  });

  it("keeps templates pending while the review delay is null, until the control API decides", async () => {
    await h.control("POST", "/templates/review-delay", { ms: null });
    const created = await create({
      name: "waits",
      components: [body("Merci de votre candidature chez nous.")],
    });
    expect((await h.graph("GET", `/v23.0/${created.body.id}`)).body.status).toBe("PENDING");
    await h.control("POST", `/templates/${created.body.id}/decision`, { status: "REJECTED", reason: "SCAM" });
    expect((await waitFor(() => statusesOf(created.body.id)[0])).reason).toBe("SCAM");
  });

  it("creates from the template library, approved at once", async () => {
    const res = await h.graph("POST", `/v23.0/${h.wabaId}/message_templates`, {
      name: "interview_reminder",
      language: "fr",
      category: "UTILITY",
      library_template_name: "appointment_reminder",
    });
    expect(res.body).toMatchObject({ status: "APPROVED", category: "UTILITY" });
    const stored = (await h.graph("GET", `/v23.0/${res.body.id}`)).body;
    expect(stored.components[0].text).toContain("{{1}}");
    const missing = await h.graph("POST", `/v23.0/${h.wabaId}/message_templates`, {
      name: "interview_reminder",
      language: "en",
      category: "UTILITY",
      library_template_name: "appointment_reminder",
    });
    expect(missing.body.error.code).toBe(100);
  });

  it("pauses, rates and deletes on Meta's side, each with its webhook; a deleted template can't be sent", async () => {
    const approved = h.sim.state.templates.find(
      (t) => t.wabaId === h.wabaId && t.name === "application_received" && t.language === "fr",
    ) as Loose;
    await h.control("POST", `/templates/${approved.id}/decision`, { quality: "RED" });
    await h.control("POST", `/templates/${approved.id}/decision`, { status: "PAUSED", title: "FIRST_PAUSE" });
    expect(await waitFor(() => h.receiver.values("message_template_quality_update")[0])).toMatchObject({
      new_quality_score: "RED",
    });
    const paused = await waitFor(() => statusesOf(approved.id)[0]);
    expect(paused).toMatchObject({ event: "PAUSED", other_info: { title: "FIRST_PAUSE" } });
    await h.app.inject({ method: "DELETE", url: `/simulator/control/templates/${approved.id}` });
    expect((await waitFor(() => statusesOf(approved.id)[1])).event).toBe("DELETED");
    const send = await h.graph("POST", `/v23.0/${h.phoneId}/messages`, {
      messaging_product: "whatsapp",
      to: "212612345678",
      type: "template",
      template: { name: "application_received", language: { code: "fr" } },
    });
    expect(send.body.error.code).toBe(132001);
  });
});

describe("editing", () => {
  it("edits an approved template once per 24 hours and keeps its category", async () => {
    await h.control("POST", "/templates/review-delay", { ms: null });
    const created = await create({
      name: "edited_one",
      components: [body("Merci de votre candidature chez nous.")],
    });
    const id = String(created.body.id);
    const approve = () => h.control("POST", `/templates/${id}/decision`, { status: "APPROVED" });
    const edit = (changes: Record<string, unknown>) => h.graph("POST", `/v23.0/${id}`, changes);
    const text = (words: string) => ({ components: [body(words)] });
    expect((await edit(text("Merci pour votre candidature chez nous."))).body.error).toMatchObject({
      error_subcode: 2388025,
    });
    await approve();
    expect((await edit({ category: "MARKETING" })).body.error).toMatchObject({ error_subcode: 2388026 });
    expect((await edit(text("Merci pour votre candidature chez nous."))).body).toEqual({ success: true });
    await approve();
    const again = await edit(text("Encore une autre version du texte ici."));
    expect(again.body.error).toMatchObject({ code: 100, error_subcode: EDIT_LIMIT_SUBCODE });
    expect(again.body.error.error_user_msg).toContain("24 hours");
    h.sim.clock.advance(24 * 3600_000 + 1000);
    expect((await edit(text("Encore une autre version du texte ici."))).body).toEqual({ success: true });
  });
});

describe("resumable upload", () => {
  it("gives a handle an image header is created with; an unknown handle is refused", async () => {
    const bytes = Buffer.from("\xFF\xD8\xFF fake jpeg bytes", "latin1");
    const session = await h.graph(
      "POST",
      `/v23.0/${h.sim.ctx.options.appId}/uploads?file_name=logo.jpg&file_length=${bytes.length}&file_type=image/jpeg`,
    );
    expect(session.body.id).toMatch(/^upload:/);
    const upload = await h.app.inject({
      method: "POST",
      url: `/simulator/graph/v23.0/${session.body.id}`,
      headers: { authorization: `OAuth ${h.token}`, file_offset: "0", "content-type": "image/jpeg" },
      payload: bytes,
    });
    const handle = upload.json().h as string;
    expect(handle).toEqual(expect.any(String));
    const header = (h: string) => ({ type: "HEADER", format: "IMAGE", example: { header_handle: [h] } });
    const ok = await create({
      name: "with_logo",
      components: [header(handle), body("Merci de votre candidature chez nous.")],
    });
    expect(ok.body.status).toBe("PENDING");
    const bad = await create({
      name: "with_bad_logo",
      components: [header("4::nope"), body("Merci de votre candidature chez nous.")],
    });
    expect(bad.body.error).toMatchObject({ error_subcode: 2388047 });
  });
});
