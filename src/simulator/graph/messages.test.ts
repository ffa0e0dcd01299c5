import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, waitFor } from "../testing/harness";

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => {
  await h.close();
});

const CANDIDATE = "212612345678";
const send = (body: Record<string, unknown>, token?: string | null) =>
  h.graph(
    "POST",
    `/v23.0/${h.phoneId}/messages`,
    { messaging_product: "whatsapp", to: `+${CANDIDATE}`, ...body },
    token,
  );
const openWindow = () =>
  h.control("POST", "/inbound", {
    phoneNumberId: h.phoneId,
    from: CANDIDATE,
    type: "text",
    text: { body: "Bonjour" },
  });

describe("POST /{phone-number-id}/messages", () => {
  it("accepts a text inside the 24-hour window and answers Meta's shape", async () => {
    await openWindow();
    const res = await send({ type: "text", text: { body: "Merci pour votre message" } });
    expect(res.status).toBe(200);
    expect(res.body.messaging_product).toBe("whatsapp");
    expect(res.body.contacts).toEqual([{ input: `+${CANDIDATE}`, wa_id: CANDIDATE }]);
    expect(String(res.body.messages[0]?.id)).toMatch(/^wamid\.[A-Za-z0-9+/=]+$/);
  });

  it("takes a link button (cta_url) as Meta does, and refuses a long label or an address that is none", async () => {
    await openWindow();
    const link = (parameters: Record<string, unknown>) =>
      send({
        type: "interactive",
        interactive: {
          type: "cta_url",
          header: { type: "text", text: "Cariste" },
          body: { text: "Postulez en ligne" },
          footer: { text: "LinkoJob" },
          action: { name: "cta_url", parameters },
        },
      });
    expect((await link({ display_text: "Voir l'offre", url: "https://linkojob.ma/o/1" })).status).toBe(200);
    const long = await link({ display_text: "Voir l'offre complète ici", url: "https://linkojob.ma/o/1" });
    expect(long.body.error.code).toBe(131009);
    const noAddress = await link({ display_text: "Voir", url: "linkojob.ma" });
    expect(noAddress.body.error.code).toBe(131009);
    expect((await link({ display_text: "Voir" })).body.error.code).toBe(100);
  });

  it("refuses free-form text outside the window with 131047 in Meta's envelope", async () => {
    const res = await send({ type: "text", text: { body: "Bonjour" } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: {
        message: "(#131047) Re-engagement message",
        type: "OAuthException",
        code: 131047,
        error_data: { messaging_product: "whatsapp" },
      },
    });
    expect(String(res.body.error.error_data.details)).toContain("24 hours");
    expect(String(res.body.error.fbtrace_id)).toMatch(/^A/);
  });

  it("closes the window 24 hours after the candidate's last message", async () => {
    await openWindow();
    h.sim.clock.advance(24 * 3600_000 - 60_000);
    expect((await send({ text: { body: "encore ouvert" } })).status).toBe(200);
    h.sim.clock.advance(120_000);
    expect((await send({ text: { body: "trop tard" } })).body.error.code).toBe(131047);
  });

  it("sends templates outside the window and validates them against the stored template", async () => {
    const template = (components: unknown[], name = "job_opportunity", code = "fr") => ({
      type: "template",
      template: { name, language: { code }, components },
    });
    const body3 = [
      { type: "body", parameters: ["Youssef", "comptable", "Rabat"].map((text) => ({ type: "text", text })) },
    ];
    expect((await send(template(body3))).status).toBe(200);
    expect((await send(template(body3, "job_opportunity", "fr_FR"))).body.error.code).toBe(132001);
    expect((await send(template(body3, "no_such_template"))).body.error.code).toBe(132001);
    expect((await send(template(body3, "documents_request"))).body.error.code).toBe(132001);
    expect(
      await send(template(body3.map((c) => ({ ...c, parameters: c.parameters.slice(1) })))),
    ).toMatchObject({
      body: { error: { code: 132000 } },
    });
    const named = [
      { type: "header", parameters: [{ type: "text", parameter_name: "job_title", text: "Comptable" }] },
      {
        type: "body",
        parameters: [
          { type: "text", parameter_name: "first_name", text: "Fatima" },
          { type: "text", parameter_name: "date", text: "12 mars" },
          { type: "text", parameter_name: "time", text: "10h00" },
        ],
      },
    ];
    expect((await send(template(named, "interview_schedule"))).status).toBe(200);
    const unnamed = named.map((c) => ({
      ...c,
      parameters: c.parameters.map(({ parameter_name: _n, ...p }) => p),
    }));
    expect((await send(template(unnamed, "interview_schedule"))).body.error.code).toBe(132012);
    const imageHeader = [
      { type: "header", parameters: [{ type: "text", text: "pas une image" }] },
      {
        type: "body",
        parameters: [
          { type: "text", text: "Tanger" },
          { type: "text", text: "15 avril" },
        ],
      },
    ];
    expect((await send(template(imageHeader, "job_fair_invitation"))).body.error.code).toBe(132012);
  });

  it("reports wa_id different from input for Brazil, Mexico and Argentina", async () => {
    const hello = { type: "template", template: { name: "hello_world", language: { code: "en_US" } } };
    const cases = [
      ["+55 11 98765-4321", "551187654321"],
      ["+52 55 1234 5678", "5215512345678"],
      ["+54 11 2345 6789", "5491123456789"],
      ["+212 6 12 34 56 78", "212612345678"],
    ];
    for (const [input, waId] of cases) {
      const res = await send({ ...hello, to: input });
      expect(res.body.contacts).toEqual([{ input, wa_id: waId }]);
    }
  });

  it("reads `to` without '+' as Meta does: international digits kept, else the business number's country code", async () => {
    const hello = { type: "template", template: { name: "hello_world", language: { code: "en_US" } } };
    // The business number is Moroccan (+212 6 61 23 45 67).
    const cases = [
      ["212612345678", "212612345678"],
      ["16505551234", "16505551234"],
      ["0612345678", "212612345678"],
      ["06 12 34 56 78", "212612345678"],
      ["612345678", "212612345678"],
      ["(212) 612-345.678", "212612345678"],
      ["5215512345678", "5215512345678"],
    ];
    for (const [input, waId] of cases) {
      const res = await send({ ...hello, to: input });
      expect(res.status, `${input}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.contacts).toEqual([{ input, wa_id: waId }]);
    }
  });

  it("refuses a `to` that is no phone number with Meta's (#100) Invalid parameter, and sends nothing", async () => {
    const hello = { type: "template", template: { name: "hello_world", language: { code: "en_US" } } };
    for (const input of [
      "0033612345678",
      "+2126123",
      "12",
      "+212 6 12 34 56 78 90 12 34",
      "youssef",
      "+33 6 12 34 56 7x",
    ]) {
      const res = await send({ ...hello, to: input });
      expect(res.status, input).toBe(400);
      expect(res.body.error, input).toMatchObject({
        message: "(#100) Invalid parameter",
        type: "OAuthException",
        code: 100,
        error_data: { messaging_product: "whatsapp", details: "Invalid parameter" },
      });
    }
    expect(h.sim.state.messages.filter((m) => m.direction === "out")).toHaveLength(0);
  });

  it("checks the token: unknown → 190, other WABA → 100/33, missing → 104, invalidated → 190/460", async () => {
    await openWindow();
    const text = { text: { body: "x" } };
    expect((await send(text, "EAAnot-a-token")).body.error).toMatchObject({
      code: 190,
      type: "OAuthException",
    });
    const atlas = h.sim.state.wabas.find((w) => w.name === "Atlas Talents");
    const other = await h.control("POST", "/tokens", { wabaId: atlas?.id });
    const foreign = await send(text, String(other.body.accessToken));
    expect(foreign.body.error).toMatchObject({ code: 100, error_subcode: 33, type: "GraphMethodException" });
    expect((await send(text, null)).body.error.code).toBe(104);
    await h.control("POST", "/tokens/invalidate", { token: h.token, reason: "password_changed" });
    const res = await send(text);
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 190, error_subcode: 460 });
  });

  it("refuses sends from an unregistered number with 133010 and to itself with 131021", async () => {
    await h.graph("POST", `/v23.0/${h.phoneId}/deregister`);
    expect((await send({ text: { body: "x" } })).body.error.code).toBe(133010);
    await h.graph("POST", `/v23.0/${h.phoneId}/register`, { messaging_product: "whatsapp", pin: "123456" });
    const hello = { type: "template", template: { name: "hello_world", language: { code: "en_US" } } };
    expect((await send({ ...hello, to: "+212 6 61 23 45 67" })).body.error.code).toBe(131021);
  });

  it("emits sent, delivered and read statuses with PMP pricing, signed over the escaped bytes", async () => {
    await h.control("POST", "/inbound", {
      phoneNumberId: h.phoneId,
      from: CANDIDATE,
      profileName: "Youssef Él Amrani",
      type: "text",
      text: { body: "Je suis intéressé 👍" },
    });
    const res = await send({
      text: { body: "Réponse à votre candidature 👍" },
      biz_opaque_callback_data: "msg-42",
    });
    const wamid = String(res.body.messages[0]?.id);
    const statuses = await waitFor(() => {
      const mine = h.receiver.statuses().filter((s) => s.id === wamid);
      return mine.length === 3 ? mine : undefined;
    });
    expect(statuses.map((s) => s.status).sort()).toEqual(["delivered", "read", "sent"]);
    const sent = statuses.find((s) => s.status === "sent");
    expect(sent).toMatchObject({
      recipient_id: CANDIDATE,
      biz_opaque_callback_data: "msg-42",
      // A reply inside the window: free until September 2026, charged since (the wall clock's day).
      pricing: { billable: true, pricing_model: "PMP", type: "regular", category: "service" },
      conversation: { origin: { type: "service" } },
    });
    expect(statuses.find((s) => s.status === "read")).not.toHaveProperty("pricing");
    expect(h.receiver.received.every((w) => w.signatureValid)).toBe(true);
    const inbound = h.receiver.received[0]?.raw.toString("utf8") ?? "";
    expect([...inbound].every((c) => c.charCodeAt(0) < 128)).toBe(true);
    expect(inbound).toContain("int\\u00e9ress\\u00e9 \\ud83d\\udc4d");
    expect(h.receiver.values()[0]).toMatchObject({ contacts: [{ profile: { name: "Youssef Él Amrani" } }] });
  });

  it("drops the conversation object from v24 on and bills marketing templates", async () => {
    const res = await h.graph("POST", `/v24.0/${h.phoneId}/messages`, {
      messaging_product: "whatsapp",
      to: CANDIDATE,
      type: "template",
      template: {
        name: "job_opportunity",
        language: { code: "en" },
        components: [
          { type: "body", parameters: ["Ana", "nurse", "Fes"].map((text) => ({ type: "text", text })) },
        ],
      },
    });
    const wamid = String(res.body.messages[0]?.id);
    const sent = await waitFor(() =>
      h.receiver.statuses().find((s) => s.id === wamid && s.status === "sent"),
    );
    expect(sent.pricing).toEqual({
      billable: true,
      pricing_model: "PMP",
      type: "regular",
      category: "marketing",
    });
    expect(sent).not.toHaveProperty("conversation");
  });

  it("reports an undeliverable candidate with a failed status carrying 131026", async () => {
    const res = await send({
      to: "+212600000404",
      type: "template",
      template: { name: "hello_world", language: { code: "en_US" } },
    });
    expect(res.status).toBe(200);
    const failed = await waitFor(() => h.receiver.statuses().find((s) => s.status === "failed"));
    expect(failed).toMatchObject({ errors: [{ code: 131026, title: "Message undeliverable" }] });
  });
});

describe("Graph API versions", () => {
  const hello = { type: "template", template: { name: "hello_world", language: { code: "en_US" } } };
  const sendWith = (version: string) =>
    h.graph("POST", `/${version}/${h.phoneId}/messages`, {
      messaging_product: "whatsapp",
      to: `+${CANDIDATE}`,
      ...hello,
    });

  it("serves the versions Meta serves, an expired one as the oldest still usable, and refuses one never released", async () => {
    expect((await sendWith("v25.0")).status).toBe(200);
    expect((await sendWith("v26.0")).status).toBe(200);
    // v20.0 expired on 2026-09-24: Meta answers it as the next oldest usable version instead.
    expect((await sendWith("v20.0")).status).toBe(200);
    const unknown = await sendWith("v99.0");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({
      code: 2500,
      message: expect.stringContaining("Unknown path components"),
    });
  });
});
