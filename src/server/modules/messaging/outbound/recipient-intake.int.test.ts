import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiSender, JOB_OPPORTUNITY } from "../../../../../test/support/api-sender";
import type { Caller } from "../../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../../test/support/test-app";
import { systemContext } from "../../deferred-context";
import { resolveRecipients } from "./recipient-intake";

/**
 * Sends named by phone that arrive together have their candidates and chats resolved together
 * (`recipient-intake.ts`): each number is still one candidate and one chat per number of the
 * client, found by its number or its WhatsApp id, named when a name is given, never another
 * client's.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());
beforeEach(() => app.simulator!.reset());

const template = JOB_OPPORTUNITY;

const send = (api: Caller, connectionId: string, to: string, contactName?: string) =>
  api.request({
    method: "POST",
    url: "/api/messages/send",
    payload: { connectionId, to, template, ...(contactName ? { contactName } : {}) },
  });

async function rows<T>(sql: string, params: unknown[]): Promise<T[]> {
  return (await app.database.query(sql, params)).rows as T[];
}

describe("recipients resolved together", () => {
  it("give each number one candidate and one chat, known by number or WhatsApp id, named once", async () => {
    const { api, connection, clientId } = await apiSender(app, "casablanca");
    // Known before: one by its WhatsApp id only (it wrote first), one by number without a name.
    await app.database.query(
      `INSERT INTO contacts (client_id, wa_id, profile_name) VALUES ($1, '212662000001', 'Omar');
       INSERT INTO contacts (client_id, phone) VALUES ($1, '+212662000002')`.replaceAll(
        "$1",
        `'${clientId}'`,
      ),
      [],
    );
    const fresh = Array.from({ length: 8 }, (_, i) => `+2126620001${String(i).padStart(2, "0")}`);
    // Each new number twice at once, the second time with a name; the two known ones too.
    const calls = [
      ...fresh.flatMap((to, i) => [
        send(api, connection.id, to),
        send(api, connection.id, to, `Candidat ${i}`),
      ]),
      send(api, connection.id, "+212662000001"),
      send(api, connection.id, "+212662000002", "Nadia"),
    ];
    const answers = await Promise.all(calls);
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(202);

    const contacts = await rows<{
      id: string;
      phone: string | null;
      wa_id: string | null;
      name: string | null;
    }>(
      "SELECT id, phone, wa_id, name FROM contacts WHERE client_id = $1 ORDER BY coalesce(phone, '+' || wa_id)",
      [clientId],
    );
    expect(contacts).toHaveLength(fresh.length + 2);
    expect(contacts.find((c) => c.wa_id === "212662000001")?.phone).toBeNull();
    expect(contacts.find((c) => c.phone === "+212662000002")?.name).toBe("Nadia");
    for (const [i, phone] of fresh.entries())
      expect(contacts.find((c) => c.phone === phone)?.name).toBe(`Candidat ${i}`);

    const chats = await rows<{ contact_id: string; messages: number }>(
      `SELECT c.contact_id, (SELECT count(*)::int FROM messages m WHERE m.conversation_id = c.id) AS messages
       FROM conversations c WHERE c.client_id = $1`,
      [clientId],
    );
    expect(chats).toHaveLength(contacts.length);
    const messagesOf = new Map(chats.map((chat) => [chat.contact_id, chat.messages]));
    for (const contact of contacts)
      expect(messagesOf.get(contact.id)).toBe(contact.phone && fresh.includes(contact.phone) ? 2 : 1);
  });

  it("resolves a group in its places, the same number twice to the same chat", async () => {
    const { clientId, connection } = await apiSender(app, "casablanca");
    const ctx = systemContext(app.deps, clientId, "test");
    const item = (phone: string, contactName: string | null = null) => ({
      ctx,
      connection: connection as never,
      phone,
      contactName,
      externalCandidateId: null,
      externalJobRef: null,
    });
    const chats = await resolveRecipients([
      item("+212663000001"),
      item("+212663000002", "Yassine"),
      item("+212663000001", "Salma"),
    ]);
    expect(chats.map((chat) => chat.contact.phone)).toEqual([
      "+212663000001",
      "+212663000002",
      "+212663000001",
    ]);
    expect(chats[0]!.id).toBe(chats[2]!.id);
    expect(chats[1]!.id).not.toBe(chats[0]!.id);
    expect(chats.map((chat) => chat.contact.name)).toEqual(["Salma", "Yassine", "Salma"]);
    for (const chat of chats) {
      expect(chat.clientId).toBe(clientId);
      expect(chat.connectionId).toBe(connection.id);
      expect(chat.contactId).toBe(chat.contact.id);
    }
  });

  it("keeps clients apart: two clients sending to the same numbers at once each get their own candidates and chats", async () => {
    const [a, b] = [await apiSender(app, "atlas"), await apiSender(app, "casablanca")];
    const numbers = Array.from({ length: 6 }, (_, i) => `+21266400000${i}`);
    const answers = await Promise.all(
      numbers.flatMap((to) => [
        send(a.api, a.connection.id, to, "Chez A"),
        send(b.api, b.connection.id, to, "Chez B"),
      ]),
    );
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(202);
    for (const [client, name] of [
      [a, "Chez A"],
      [b, "Chez B"],
    ] as const) {
      const contacts = await rows<{ phone: string; name: string }>(
        "SELECT phone, name FROM contacts WHERE client_id = $1 AND phone LIKE '+2126640%'",
        [client.clientId],
      );
      expect(contacts.map((c) => c.phone).sort()).toEqual(numbers);
      expect(new Set(contacts.map((c) => c.name))).toEqual(new Set([name]));
      const foreign = await rows<{ n: number }>(
        `SELECT count(*)::int AS n FROM conversations c JOIN contacts k ON k.id = c.contact_id
         WHERE c.client_id = $1 AND (k.client_id <> c.client_id OR c.connection_id <> $2)`,
        [client.clientId, client.connection.id],
      );
      expect(foreign[0]!.n).toBe(0);
    }
  });
});
