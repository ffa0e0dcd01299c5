import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  heldTransaction,
  untilWaitingOnALock,
  withSecondConnection,
} from "../../../../test/support/held-transaction";
import { buildConnection, buildContact, buildConversation } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { testBackend } from "../../../../test/support/test-database";
import { chatKey, upsertChats } from "./conversations.repository";

/**
 * `upsertChats`, what the inbound batch creates and finds its chats with: each asked pair once, the
 * chats already there returned unchanged, and one another transaction creates meanwhile found too.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

/** A candidate on a number of a new client: the pair `upsertChats` is asked for their chat. */
async function candidateOnANumber() {
  const connection = await buildConnection(app);
  const contact = await buildContact(app, { clientId: connection.clientId });
  return { clientId: connection.clientId, connectionId: connection.id, contactId: contact.id };
}

describe("the chats of a batch", () => {
  it("creates the missing ones and returns the existing ones as they are, not rewritten", async () => {
    const connection = await buildConnection(app);
    const clientId = connection.clientId;
    const [known, fresh] = [await buildContact(app, { clientId }), await buildContact(app, { clientId })];
    const existing = await buildConversation(app, { connectionId: connection.id, contactId: known.id });
    const version = async () =>
      (
        (await app.database.query("SELECT xmin::text AS v FROM conversations WHERE id = $1", [
          existing.id,
        ])) as {
          rows: { v: string }[];
        }
      ).rows[0]!.v;
    const before = await version();

    const pairs = [known, fresh, known].map((contact) => ({
      clientId,
      connectionId: connection.id,
      contactId: contact.id,
    }));
    const chats = await upsertChats(app.database.db, pairs);
    expect(chats.size).toBe(2);
    expect(chats.get(chatKey(pairs[0]!))).toMatchObject({ id: existing.id, updatedAt: existing.updatedAt });
    const created = chats.get(chatKey(pairs[1]!));
    expect(created).toMatchObject({ clientId, connectionId: connection.id, contactId: fresh.id });
    expect(await version()).toBe(before);
    // Asked again, the created one is found, not created twice.
    const again = await upsertChats(app.database.db, [pairs[1]!]);
    expect(again.get(chatKey(pairs[1]!))?.id).toBe(created!.id);
  });

  it.skipIf(testBackend !== "postgres")(
    "locks the chats already there until the batch's transaction ends, as the batch's later statements need",
    async () => {
      const pair = await candidateOnANumber();
      const chat = await buildConversation(app, pair);
      await withSecondConnection(app.database.url!, async (other) => {
        const batch = heldTransaction(app.database.db, (tx) => upsertChats(tx, [pair]));
        await batch.ready;
        const lock = "SELECT 1 FROM conversations WHERE id = $1 FOR NO KEY UPDATE NOWAIT";
        await expect(other.query(lock, [chat.id])).rejects.toThrow(/could not obtain lock/);
        batch.commit();
        await batch.done;
        await expect(other.query(lock, [chat.id])).resolves.toBeDefined();
      });
    },
  );

  it.skipIf(testBackend !== "postgres")(
    "returns the chat created again, not the one another transaction deleted meanwhile",
    async () => {
      const pair = await candidateOnANumber();
      const gone = await buildConversation(app, pair);
      await withSecondConnection(app.database.url!, async (other) => {
        await other.query("BEGIN");
        await other.query("DELETE FROM conversations WHERE id = $1", [gone.id]);
        // The upsert's snapshot still has the chat; its insert waits on the delete, then creates one.
        const asked = upsertChats(app.database.db, [pair]);
        await untilWaitingOnALock(app.database);
        await other.query("COMMIT");
        const returned = (await asked).get(chatKey(pair));
        const stored = (await app.database.query(
          "SELECT id FROM conversations WHERE connection_id = $1 AND contact_id = $2",
          [pair.connectionId, pair.contactId],
        )) as { rows: { id: string }[] };
        expect(returned?.id).not.toBe(gone.id);
        expect(stored.rows.map((row) => row.id)).toEqual([returned!.id]);
      });
    },
  );

  // Two transactions at once need two connections: PGlite has one.
  it.skipIf(testBackend !== "postgres")(
    "finds a chat another transaction created after the statement began, once that one commits",
    async () => {
      const pair = await candidateOnANumber();
      await withSecondConnection(app.database.url!, async (other) => {
        await other.query("BEGIN");
        const inserted = await other.query(
          "INSERT INTO conversations (client_id, connection_id, contact_id) VALUES ($1, $2, $3) RETURNING id",
          [pair.clientId, pair.connectionId, pair.contactId],
        );
        // The upsert waits on the other's uncommitted row, then skips its own insert.
        const asked = upsertChats(app.database.db, [pair]);
        await untilWaitingOnALock(app.database);
        await other.query("COMMIT");
        expect((await asked).get(chatKey(pair))?.id).toBe(inserted.rows[0].id);
      });
    },
  );
});
