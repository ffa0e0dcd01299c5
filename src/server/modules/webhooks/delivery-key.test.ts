import { describe, expect, it } from "vitest";
import { serializeAsMeta } from "../../../simulator/index";
import { candidateKeyOf } from "./delivery-key";

const envelope = (phoneNumberId: string, value: Record<string, unknown>) =>
  Buffer.from(
    serializeAsMeta({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "waba",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { phone_number_id: phoneNumberId },
                ...value,
              },
            },
          ],
        },
      ],
    }),
  );
const inbound = (phoneNumberId: string, from: string) =>
  envelope(phoneNumberId, {
    contacts: [{ profile: { name: "Salma" }, wa_id: from }],
    messages: [{ from, id: `wamid.${from}`, timestamp: "1", type: "text", text: { body: "Bonjour" } }],
  });
const status = (phoneNumberId: string, recipient: string) =>
  envelope(phoneNumberId, {
    statuses: [{ id: "wamid.out", status: "read", timestamp: "1", recipient_id: recipient }],
  });

describe("a delivery's candidate key", () => {
  it("is the same for a candidate's messages and for the statuses of what was sent to them", () => {
    const key = candidateKeyOf(inbound("106540352242922", "212600000001"));
    expect(key).toEqual(expect.any(Number));
    expect(Number.isInteger(key) && key! >= -(2 ** 31) && key! < 2 ** 31).toBe(true);
    expect(candidateKeyOf(status("106540352242922", "212600000001"))).toBe(key);
  });

  it("is the candidate's on a reply, whose context names the business's own number first", () => {
    const reply = envelope("106540352242922", {
      contacts: [{ profile: { name: "Salma" }, wa_id: "212600000001" }],
      messages: [
        {
          context: { from: "15550783881", id: "wamid.out" },
          from: "212600000001",
          id: "wamid.reply",
          timestamp: "1",
          type: "text",
          text: { body: "Oui" },
        },
      ],
    });
    expect(candidateKeyOf(reply)).toBe(candidateKeyOf(status("106540352242922", "212600000001")));
  });

  it("differs by candidate and by number", () => {
    const key = candidateKeyOf(inbound("106540352242922", "212600000001"));
    expect(candidateKeyOf(inbound("106540352242922", "212600000002"))).not.toBe(key);
    expect(candidateKeyOf(inbound("106540352242923", "212600000001"))).not.toBe(key);
  });

  it("reads members written with whitespace, as JSON allows", () => {
    const compact = candidateKeyOf(inbound("1065", "2126"));
    const spaced = Buffer.from(
      '{"entry":[{"changes":[{"value":{"metadata": { "phone_number_id" :\n "1065" },"messages":[{"from" : "2126"}]}}]}]}',
    );
    expect(candidateKeyOf(spaced)).toBe(compact);
  });

  it("is null when the bytes name no number or no candidate, or not plainly", () => {
    expect(candidateKeyOf(envelope("1065", { event: "APPROVED", message_template_id: 1 }))).toBeNull();
    expect(candidateKeyOf(Buffer.from('{"messages":[{"from":"2126"}]}'))).toBeNull();
    expect(candidateKeyOf(Buffer.from('{"phone_number_id":"1065","from":"21\\u00326"}'))).toBeNull();
    expect(candidateKeyOf(Buffer.from('{"phone_number_id":"1065","from":2126}'))).toBeNull();
    expect(candidateKeyOf(Buffer.from("not json"))).toBeNull();
  });
});
