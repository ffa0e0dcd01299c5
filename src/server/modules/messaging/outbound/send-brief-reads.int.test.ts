import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedClient, eventually } from "../../../../../test/support/connected";
import { apiKeyCaller, type Caller } from "../../../../../test/support/factories";
import type { SeededNumber } from "../../../../../test/support/simulated-signup";
import { createTestApp, type TestApp } from "../../../../../test/support/test-app";
import { markNeedsReconnect } from "../../connections/connection-health.service";
import { operatorRepository } from "../../operator/operator.repository";

/**
 * What every send reads again (the API key, the number, the template, the client's country, the
 * budget) is kept a second in this process (`brief-reads.ts`): a change made here holds from the
 * next request, one made elsewhere within the second, and no client's entry answers another.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());

const template = {
  name: "job_opportunity",
  language: "fr",
  body: [{ text: "Sara" }, { text: "cariste" }, { text: "Tanger" }],
};

let sent = 0;
function newRecipient() {
  sent += 1;
  return `+2126633${String(sent).padStart(5, "0")}`;
}

/** A client on one of the simulator's numbers (each can be connected once), with a sending key. */
async function sender(number: SeededNumber) {
  const client = await connectedClient(app, number);
  await eventually(async () => {
    const list = (await client.session.get("/api/templates")).json().templates as { name: string }[];
    return list.some((t) => t.name === template.name);
  });
  return { ...client, api: (await newKey(client.owner)).caller };
}

const newKey = (owner: Parameters<typeof apiKeyCaller>[1]) => apiKeyCaller(app, owner, ["messages:send"]);

const send = (api: Caller, connectionId: string) =>
  api.request({
    method: "POST",
    url: "/api/messages/send",
    payload: { connectionId, to: newRecipient(), template },
  });

describe("what sends read again, kept a second", () => {
  let a: Awaited<ReturnType<typeof sender>>;
  let b: Awaited<ReturnType<typeof sender>>;
  beforeAll(async () => {
    a = await sender("casablanca");
    b = await sender("atlas");
  });

  it("refuses a key revoked in this process from the very next request", async () => {
    const key = await newKey(a.owner);
    expect((await send(key.caller, a.connection.id)).statusCode).toBe(202);
    expect((await a.session.delete(`/api/api-keys/${key.id}`)).statusCode).toBe(204);
    const refused = await send(key.caller, a.connection.id);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toMatch(/revoked/);
    expect((await send(a.api, a.connection.id)).statusCode).toBe(202); // the client's other key still works
  });

  it("refuses a key revoked by another instance within a second", async () => {
    const key = await newKey(a.owner);
    expect((await send(key.caller, a.connection.id)).statusCode).toBe(202);
    // Another instance revokes it: this process is not told.
    await app.database.query("UPDATE api_keys SET revoked_at = now() WHERE id = $1", [key.id]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await send(key.caller, a.connection.id)).statusCode).toBe(401);
  });

  it("never answers one client with another's number, even just read", async () => {
    // B's number is in the cache; A names it.
    expect((await send(b.api, b.connection.id)).statusCode).toBe(202);
    const foreign = await send(a.api, b.connection.id);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).toContain("Connection");
    // A's number now in the cache: B's key still cannot reach it.
    expect((await send(a.api, a.connection.id)).statusCode).toBe(202);
    expect((await send(b.api, a.connection.id)).statusCode).toBe(404);
  });

  it("refuses a client's keys from the next request once the operator suspends it here", async () => {
    expect((await send(b.api, b.connection.id)).statusCode).toBe(202);
    await operatorRepository(app.database.db).updateClient(b.clientId, { suspendedAt: new Date() });
    const refused = await send(b.api, b.connection.id);
    expect(refused.json().error.code).toBe("client_suspended");
  });

  it("refuses a send on a number disconnected in this process from the next request", async () => {
    expect((await send(a.api, a.connection.id)).statusCode).toBe(202);
    await markNeedsReconnect(app.database.db, a.clientId, a.connection.id, "Meta refused the token");
    const refused = await send(a.api, a.connection.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain("Meta refused the token");
  });
});
