import { afterAll, beforeAll, describe, expect, it } from "vitest";
import statusExamples from "../../test/fixtures/meta/status-webhook-examples.json";
import webhookExamples from "../../test/fixtures/meta/webhook-examples.json";
import type { InjectInboundBody } from "../contracts/simulator";
import { createHarness, type Harness, waitFor } from "./testing/harness";

/**
 * Contract: every webhook the simulator emits has the shape (keys and value types, recursively) of
 * the matching example: Meta's OpenAPI inbound examples, and hand-written status/template/account
 * examples for what that file lacks (test/fixtures/meta/README.md).
 */
type Shape = string | Shape[] | { [key: string]: Shape };

function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
  if (value === null) return "null";
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shapeOf(v)]),
    );
  }
  return typeof value;
}

type Example = { entry: { changes: { value: { messages?: Record<string, unknown>[] } }[] }[] };
const inbound = webhookExamples.examples as unknown as Record<string, Example>;
const firstMessage = (name: string) => inbound[name]?.entry[0]?.changes[0]?.value.messages?.[0] ?? {};

let h: Harness;
let outboundId = "";
const CANDIDATE = "16505551234";

/** How to make the simulator emit each example (the candidate's side of the conversation). */
function injections(): Record<string, Omit<InjectInboundBody, "phoneNumberId" | "from">> {
  const msg = (name: string) => firstMessage(name);
  return {
    "Text Message": { type: "text", text: { body: "Does it come in another color?" } },
    "Text Message with Context (Product Inquiry)": {
      type: "text",
      text: { body: "Is this still available?" },
      context: {
        message_id: outboundId,
        referred_product: { catalog_id: "194836987003835", product_retailer_id: "di9ozbzfi4" },
      },
    },
    "Text Message from Click to WhatsApp Ad": { type: "text", text: { body: "Hello!" }, referral: {} },
    "Reaction Message": { type: "reaction", reaction: { message_id: outboundId, emoji: "👍" } },
    "Image Message": { type: "image", image: { caption: "Taj Mahal", mime_type: "image/jpeg" } },
    "Location Message": { type: "location", location: msg("Location Message").location as never },
    "Contact Sharing Message": {
      type: "contacts",
      contacts: msg("Contact Sharing Message").contacts as never,
    },
    "Unsupported Message": { type: "unsupported" },
    "Button Message": {
      type: "button",
      button: { payload: "Unsubscribe", text: "Unsubscribe" },
      context: { message_id: outboundId },
    },
    "Interactive List Reply Message": {
      type: "interactive",
      interactive: {
        type: "list_reply",
        list_reply: { id: "priority_express", title: "Priority Mail Express", description: "Next Day" },
      },
      context: { message_id: outboundId },
    },
    "Interactive Button Reply Message": {
      type: "interactive",
      interactive: { type: "button_reply", button_reply: { id: "cancel-button", title: "Cancel" } },
      context: { message_id: outboundId },
    },
    "Order Message": { type: "order", order: msg("Order Message").order as never },
    "System Message": { type: "system", system: { type: "user_changed_number", new_wa_id: "12195555358" } },
  };
}
/** Group webhooks: the simulator does not model WhatsApp groups (listed in the closing note). */
const NOT_SIMULATED = ["Group Create Message", "Group Settings Update", "Group Remove Participants"];
/** Fields Meta added after the OpenAPI file was written (media `url`, late 2025). */
const NEWER_FIELDS: Record<string, string[]> = { "Image Message": ["url"] };

beforeAll(async () => {
  h = await createHarness();
  const res = await h.graph("POST", `/v23.0/${h.phoneId}/messages`, {
    messaging_product: "whatsapp",
    to: CANDIDATE,
    type: "template",
    template: { name: "hello_world", language: { code: "en_US" } },
  });
  outboundId = String(res.body.messages[0].id);
});
afterAll(async () => {
  await h.close();
});

describe("inbound webhooks match Meta's OpenAPI examples", () => {
  it("has an injection for every example except groups", () => {
    expect(Object.keys(inbound).sort()).toEqual([...Object.keys(injections()), ...NOT_SIMULATED].sort());
  });

  it.each(Object.keys(injections()))("%s", async (name) => {
    const before = h.receiver.received.length;
    const injected = await h.control("POST", "/inbound", {
      phoneNumberId: h.phoneId,
      from: CANDIDATE,
      profileName: "Sheena Nelson",
      ...injections()[name],
    });
    expect(injected.status).toBe(200);
    const webhook = await waitFor(() =>
      h.receiver.received
        .slice(before)
        .find((w) => JSON.stringify(w.body).includes(String(injected.body.id))),
    );
    const emitted = structuredClone(webhook.body) as unknown as Example;
    // Narrow to the change carrying this message: a status raised in the same tick may share the POST.
    const id = String(injected.body.id);
    const entry = emitted.entry.find((e) =>
      e.changes.some((c) => c.value.messages?.some((m) => m.id === id)),
    );
    const change = entry?.changes.find((c) => c.value.messages?.some((m) => m.id === id));
    if (!entry || !change) throw new Error("message not in webhook");
    entry.changes = [change];
    emitted.entry = [entry];
    const message = change.value.messages?.[0] as Record<string, Record<string, unknown>>;
    for (const field of NEWER_FIELDS[name] ?? []) delete message[String(message.type)]?.[field];
    expect(shapeOf(emitted)).toEqual(shapeOf(inbound[name]));
    expect(webhook.signatureValid).toBe(true);
  });
});

describe("status and management webhooks match the documented shapes", () => {
  const statusShape = (name: string) => shapeOf((statusExamples.examples as Record<string, unknown>)[name]);
  type StatusItem = { id: string; status: string };
  type Envelope = { entry: { changes: { value: { statuses?: StatusItem[] } }[] }[] };
  /**
   * The webhook carrying a status, narrowed to that one status: statuses raised in the same tick
   * share a POST (several entries/changes), and the shape check is about one item's envelope.
   */
  const findStatus = async (status: string, wamid?: string) => {
    const match = (st: StatusItem) => st.status === status && (!wamid || st.id === wamid);
    const webhook = await waitFor(() =>
      h.receiver.received.find((w) =>
        (w.body as unknown as Envelope).entry.some((e) =>
          e.changes.some((c) => c.value.statuses?.some(match)),
        ),
      ),
    );
    const body = structuredClone(webhook.body) as unknown as Envelope;
    const entry = body.entry.find((e) => e.changes.some((c) => c.value.statuses?.some(match)));
    const change = entry?.changes.find((c) => c.value.statuses?.some(match));
    if (!entry || !change) throw new Error("status vanished");
    change.value.statuses = change.value.statuses?.filter(match);
    entry.changes = [change];
    body.entry = [entry];
    return { body };
  };

  it("sent (v23) carries conversation and PMP pricing; delivered (v24) has no conversation; read has neither", async () => {
    expect(shapeOf((await findStatus("sent")).body)).toEqual(
      statusShape("Status sent (v23, with conversation)"),
    );
    expect(shapeOf((await findStatus("read")).body)).toEqual(statusShape("Status read"));
    await h.control("POST", "/inbound", {
      phoneNumberId: h.phoneId,
      from: CANDIDATE,
      type: "text",
      text: { body: "hi" },
    });
    const v24 = await h.graph("POST", `/v24.0/${h.phoneId}/messages`, {
      messaging_product: "whatsapp",
      to: CANDIDATE,
      text: { body: "hello" },
    });
    const id = String(v24.body.messages[0].id);
    const delivered = await findStatus("delivered", id);
    expect(shapeOf(delivered.body)).toEqual(statusShape("Status delivered (v24+, no conversation)"));
  });

  it("failed carries Meta's webhook error object", async () => {
    await h.control("POST", "/fail-next", { code: 131026, async: true });
    await h.graph("POST", `/v23.0/${h.phoneId}/messages`, {
      messaging_product: "whatsapp",
      to: CANDIDATE,
      type: "template",
      template: { name: "hello_world", language: { code: "en_US" } },
    });
    expect(shapeOf((await findStatus("failed")).body)).toEqual(statusShape("Status failed"));
  });

  it("template review and app uninstall have Meta's non-messages envelope with entry.time", async () => {
    const pending = h.sim.state.templates.find((t) => t.wabaId === h.wabaId && t.status === "PENDING");
    await h.control("POST", `/templates/${pending?.id}/decision`, { status: "APPROVED" });
    const review = await waitFor(() =>
      h.receiver.received.find(
        (w) => w.body.entry[0]?.changes[0]?.field === "message_template_status_update",
      ),
    );
    expect(shapeOf(review.body)).toEqual(statusShape("Template status update"));
    await h.control("POST", "/account-update", { wabaId: h.wabaId });
    const uninstall = await waitFor(() =>
      h.receiver.received.find((w) => w.body.entry[0]?.changes[0]?.field === "account_update"),
    );
    expect(shapeOf(uninstall.body)).toEqual(statusShape("Account update: partner app uninstalled"));
    const after = await h.graph("GET", `/v23.0/${h.phoneId}`);
    expect(after.body.error).toMatchObject({ code: 190, error_subcode: 458 });
  });
});
