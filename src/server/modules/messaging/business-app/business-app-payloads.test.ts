import { describe, expect, it } from "vitest";
import { readEchoes, readHistory, readStateSync } from "./business-app-payloads";

const metadata = { display_phone_number: "212661234567", phone_number_id: "pn-1" };
const text = (id: string, from: string, extra: Record<string, unknown> = {}) => ({
  from,
  id,
  timestamp: "1767225600",
  type: "text",
  text: { body: id },
  ...extra,
});

describe("history chunks", () => {
  it("tell the business's messages from the candidate's by the business number, with Meta's delivery state", () => {
    const read = readHistory({
      metadata,
      history: [
        {
          metadata: { phase: "2", chunk_order: 3, progress: 42.6 },
          threads: [
            {
              id: "212612345678",
              messages: [
                text("w1", "212612345678", { history_context: { status: "READ" } }),
                text("w2", "212661234567", { history_context: { status: "PLAYED" } }),
                text("w3", "212661234567", { history_context: { status: "ERROR" } }),
                text("w4", "212661234567"),
              ],
            },
          ],
        },
      ],
    });
    expect(read.messages.map((m) => [m.message.id, m.direction, m.status, m.waId])).toEqual([
      ["w1", "inbound", "received", "212612345678"],
      ["w2", "outbound", "read", "212612345678"],
      ["w3", "outbound", "failed", "212612345678"],
      ["w4", "outbound", "sent", "212612345678"],
    ]);
    expect(read.messages[0]!.occurredAt.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(read.chunks).toEqual([{ status: "shared", phase: 2, chunkOrder: 3, progress: 43 }]);
    expect(read.unknown).toEqual([]);
  });

  it("count what they cannot place: a phase Meta does not have, a message without id, a thread without user, an item that is not one", () => {
    const read = readHistory({
      metadata,
      history: [
        { metadata: { phase: 7 }, threads: [{ id: "212612345678", messages: [{ type: "text" }] }] },
        { metadata: { phase: 0 }, threads: [{ messages: [text("w5", "212600000000")] }] },
        "not an object",
      ],
    });
    expect(read.messages).toEqual([]);
    expect(read.unknown.map((u) => u.what).sort()).toEqual([
      "history_message",
      "history_message",
      "history_phase",
      "history_phase",
    ]);
  });

  it("read a decline as such, with no messages", () => {
    const read = readHistory({ metadata, history: [{ errors: [{ code: 2593109 }] }] });
    expect(read.chunks).toEqual([{ status: "declined", phase: 0, chunkOrder: 0, progress: 0 }]);
    expect(read.messages).toEqual([]);
  });
});

describe("echoes", () => {
  it("are the business's sent messages to `to`, with its BSUID when Meta gives one; an echo without id or recipient is counted", () => {
    const read = readEchoes({
      metadata,
      message_echoes: [
        { ...text("e1", "212661234567"), to: "212612345678", to_user_id: "MA.1234" },
        { ...text("e2", "212661234567") },
        { to: "212612345678", type: "text" },
      ],
    });
    expect(
      read.messages.map((m) => [m.message.id, m.direction, m.status, m.waId, m.bsuid, m.origin]),
    ).toEqual([["e1", "outbound", "sent", "212612345678", "MA.1234", "business_app"]]);
    expect(read.unknown).toEqual([{ what: "echo_item" }, { what: "echo_item" }]);
  });

  it("of a value that is not Meta's shape read as nothing", () => {
    expect(readEchoes({ message_echoes: "nope" })).toEqual({ messages: [], unknown: [] });
  });
});

describe("app contacts", () => {
  it("are added with their full name (else first name) or removed; other types and actions are counted", () => {
    const read = readStateSync({
      state_sync: [
        {
          type: "contact",
          contact: { full_name: "Salma Bennani", phone_number: "+212 600-000001" },
          action: "add",
        },
        { type: "contact", contact: { first_name: "Omar", phone_number: "212600000002" }, action: "add" },
        { type: "contact", contact: { phone_number: "212600000003" }, action: "remove" },
        { type: "label", action: "add" },
        { type: "contact", contact: { phone_number: "212600000004" }, action: "edit" },
      ],
    });
    expect(read.contacts).toEqual([
      { action: "add", waId: "212600000001", name: "Salma Bennani" },
      { action: "add", waId: "212600000002", name: "Omar" },
      { action: "remove", waId: "212600000003", name: null },
    ]);
    expect(read.unknown).toHaveLength(2);
  });
});
