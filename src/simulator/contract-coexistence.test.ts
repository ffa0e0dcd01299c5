import { afterAll, beforeAll, describe, expect, it } from "vitest";
import coexistence from "../../test/fixtures/meta/coexistence-webhook-examples.json";
import { createHarness, type Harness, waitFor } from "./testing/harness";

/**
 * Contract: the coexistence webhooks the simulator emits (echoes, history chunks, a declined
 * history, contacts) carry every key of Meta's documented examples, with the same kind of value
 * (test/fixtures/meta/coexistence-webhook-examples.json). Meta may add keys; none may be missing.
 */
type Obj = Record<string, unknown>;
const examples = coexistence.examples as unknown as Record<
  string,
  { entry: { changes: { value: Obj; field: string }[] }[] }
>;
const exampleValue = (name: string) => examples[name]!.entry[0]!.changes[0]!.value;

/** Where `emitted` lacks a key of `example`, or holds another kind of value there. */
function missing(example: unknown, emitted: unknown, path = "value"): string[] {
  if (Array.isArray(example)) {
    if (!Array.isArray(emitted)) return [`${path}: not an array`];
    return example.length && emitted.length ? missing(example[0], emitted[0], `${path}[0]`) : [];
  }
  if (example && typeof example === "object") {
    if (!emitted || typeof emitted !== "object") return [`${path}: not an object`];
    return Object.entries(example as Obj).flatMap(([key, value]) =>
      key in (emitted as Obj)
        ? missing(value, (emitted as Obj)[key], `${path}.${key}`)
        : [`${path}.${key}: missing`],
    );
  }
  return typeof example === typeof emitted ? [] : [`${path}: ${typeof emitted} instead of ${typeof example}`];
}

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

/** The values of `field` in the first webhook after `act` whose body also holds `marker`. */
async function emitted(field: string, act: () => Promise<unknown>, marker = ""): Promise<Obj[]> {
  const before = h.receiver.received.length;
  await act();
  const webhook = await waitFor(() =>
    h.receiver.received.slice(before).find((w) => {
      const body = JSON.stringify(w.body);
      return body.includes(`"field":"${field}"`) && body.includes(marker);
    }),
  );
  return (webhook.body as unknown as { entry: { changes: { value: Obj; field: string }[] }[] }).entry
    .flatMap((e) => e.changes)
    .filter((c) => c.field === field)
    .map((c) => c.value);
}

describe("coexistence webhooks match Meta's documented shapes", () => {
  it("smb_message_echoes", async () => {
    const [value] = await emitted("smb_message_echoes", () =>
      h.control("POST", "/business-app/echo", {
        phoneNumberId: h.phoneId,
        to: "16505551234",
        text: "Bonjour",
      }),
    );
    expect(missing(exampleValue("smb_message_echoes"), value)).toEqual([]);
  });

  it("history, in chunks with their phase, order and progress", async () => {
    const [value] = await emitted("history", () =>
      h.control("POST", "/business-app/history", { phoneNumberId: h.phoneId, order: "in_order", repeat: 0 }),
    );
    expect(missing(exampleValue("history"), value)).toEqual([]);
  });

  it("history declined", async () => {
    const [value] = await emitted(
      "history",
      () => h.control("POST", "/business-app/history", { phoneNumberId: h.phoneId, declined: true }),
      '"errors"',
    );
    expect(missing(exampleValue("history_declined"), value)).toEqual([]);
  });

  it("smb_app_state_sync", async () => {
    const [value] = await emitted("smb_app_state_sync", () =>
      h.control("POST", "/business-app/contacts", {
        phoneNumberId: h.phoneId,
        contacts: [{ waId: "16505551234", fullName: "Salma Bennani" }],
      }),
    );
    expect(missing(exampleValue("smb_app_state_sync"), value)).toEqual([]);
  });
});
