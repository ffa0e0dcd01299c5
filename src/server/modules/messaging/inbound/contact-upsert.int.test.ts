import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient } from "../../../../../test/support/factories";
import {
  heldTransaction,
  untilWaitingOnALock,
  withSecondConnection,
} from "../../../../../test/support/held-transaction";
import { createTestApp, type TestApp } from "../../../../../test/support/test-app";
import { testBackend } from "../../../../../test/support/test-database";
import { batchContactKey, inboundBatchRepository } from "./inbound-batch.repository";

/**
 * `upsertContacts`, what the inbound batch creates and finds its candidates with: created on first
 * contact, rewritten only when something of theirs changes, and one another transaction creates
 * meanwhile found too.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const identity = (
  clientId: string,
  waId: string | null,
  bsuid: string | null,
  profileName: string | null,
) => ({
  clientId,
  waId,
  bsuid,
  profileName,
});
const versionOf = async (id: string) =>
  (
    (await app.database.query("SELECT xmin::text AS v FROM contacts WHERE id = $1", [id])) as {
      rows: { v: string }[];
    }
  ).rows[0]!.v;

describe("the candidates of a batch", () => {
  it("are rewritten only when something of theirs changes, and always returned", async () => {
    const { client } = await buildClient(app);
    const batch = inboundBatchRepository(app.database.db);
    const byNumber = identity(client.id, "212600111001", null, "Salma");
    const byBsuid = identity(client.id, null, "MA.bsuid.1", "Yassine");
    const first = await batch.upsertContacts([byNumber, byBsuid]);
    const salma = first.get(batchContactKey(client.id, byNumber))!;
    const yassine = first.get(batchContactKey(client.id, byBsuid))!;
    expect([salma.profileName, yassine.profileName]).toEqual(["Salma", "Yassine"]);
    const [salmaVersion, yassineVersion] = [await versionOf(salma.id), await versionOf(yassine.id)];

    // The same again, and one without a profile name (which keeps the one known): nothing changes.
    const again = await batch.upsertContacts([byNumber, { ...byBsuid, profileName: null }]);
    expect(again.get(batchContactKey(client.id, byNumber))).toEqual(salma);
    expect(again.get(batchContactKey(client.id, byBsuid))).toEqual(yassine);
    expect([await versionOf(salma.id), await versionOf(yassine.id)]).toEqual([salmaVersion, yassineVersion]);

    // A new profile name and a detected language are written, and returned as written.
    const changed = await batch.upsertContacts([
      { ...byNumber, profileName: "Salma B." },
      { ...byBsuid, detectedLanguage: "ar" as const },
    ]);
    expect(changed.get(batchContactKey(client.id, byNumber))).toMatchObject({
      id: salma.id,
      profileName: "Salma B.",
    });
    expect(changed.get(batchContactKey(client.id, byBsuid))).toMatchObject({
      id: yassine.id,
      language: "ar",
      languageSource: "detected",
    });
    expect(await versionOf(salma.id)).not.toBe(salmaVersion);
  });

  it.skipIf(testBackend !== "postgres")(
    "locks the candidates already there, changed or not, until the batch's transaction ends",
    async () => {
      const { client } = await buildClient(app);
      const asked = identity(client.id, "212600111003", null, "Nadia");
      const [created] = [...(await inboundBatchRepository(app.database.db).upsertContacts([asked])).values()];
      await withSecondConnection(app.database.url!, async (other) => {
        // Nothing new about the candidate: not rewritten, still locked.
        const batch = heldTransaction(app.database.db, (tx) =>
          inboundBatchRepository(tx).upsertContacts([asked]),
        );
        await batch.ready;
        const lock = "SELECT 1 FROM contacts WHERE id = $1 FOR NO KEY UPDATE NOWAIT";
        await expect(other.query(lock, [created!.id])).rejects.toThrow(/could not obtain lock/);
        batch.commit();
        await batch.done;
        await expect(other.query(lock, [created!.id])).resolves.toBeDefined();
      });
    },
  );

  // Two transactions at once need two connections: PGlite has one.
  it.skipIf(testBackend !== "postgres")(
    "finds a candidate another transaction created after the statement began, once that one commits",
    async () => {
      const { client } = await buildClient(app);
      await withSecondConnection(app.database.url!, async (other) => {
        await other.query("BEGIN");
        const inserted = await other.query(
          "INSERT INTO contacts (client_id, wa_id, phone) VALUES ($1, '212600111002', '+212600111002') RETURNING id",
          [client.id],
        );
        const asked = identity(client.id, "212600111002", null, null);
        // The upsert waits on the other's uncommitted row, then skips its own insert.
        const upsert = inboundBatchRepository(app.database.db).upsertContacts([asked]);
        await untilWaitingOnALock(app.database);
        await other.query("COMMIT");
        expect((await upsert).get(batchContactKey(client.id, asked))?.id).toBe(inserted.rows[0].id);
      });
    },
  );
});
