import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  connectedClient,
  eventually,
  simulatorControl,
  startWorkerBeside,
} from "../../../../../test/support/connected";
import type { Caller } from "../../../../../test/support/factories";
import { messagesOf } from "../../../../../test/support/messages";
import { createTestApp, type TestApp } from "../../../../../test/support/test-app";
import type { MessageResponse } from "../../../../contracts/messages";
import { reserveSlots } from "../../../platform/rate-budget";
import { tenantRepositories } from "../../tenant-repositories";
import { outboundPayload } from "./outbound-payload";
import { sendMessageJob } from "./send-message.job";

/**
 * The send worker takes its jobs in batches (one read, one reservation, one `sending` mark, one
 * results transaction per batch). Messages are queued while no worker runs, so the worker started
 * afterwards fetches them all in its first batch; each job must still end on its own.
 */
let app: TestApp;
beforeAll(async () => {
  // Default Graph timeout and grace period: a shorter timeout is reached by accident on a loaded
  // machine, and a send that timed out is not what these tests are about.
  app = await createTestApp({ listen: true, worker: false });
});
afterAll(() => app.close());
beforeEach(() => app.simulator!.reset());

const control = (url: string, payload?: object) => simulatorControl(app)(url, payload);

interface Sent {
  at: number;
  body: { type?: string; biz_opaque_callback_data?: string };
  responseStatus: number;
  response: { messages?: { id: string }[]; error?: { code?: number } };
}
const sendsFrom = async (phoneNumberId: string): Promise<Sent[]> =>
  ((await control(`sent?phoneNumberId=${phoneNumberId}`)).json().sent as Sent[]).filter(
    (s) => s.body.type === "template",
  );
const acceptedIds = (sent: Sent[]) =>
  sent
    .filter((s) => s.responseStatus === 200)
    .map((s) => s.body.biz_opaque_callback_data)
    .sort();

/** A worker process of its own on the same database (the app itself runs none). */
const startWorker = () => startWorkerBeside(app);

/** Connects clients (onboarding needs a worker, stopped afterwards so that sends stay queued). */
async function connectedClients(numbers: ("casablanca" | "atlas")[]) {
  const onboarding = await startWorker();
  try {
    const clients = [];
    for (const number of numbers) {
      const client = await connectedClient(app, number);
      await eventually(async () => (await client.session.get("/api/templates")).json().templates.length > 0);
      clients.push(client);
    }
    return clients;
  } finally {
    await onboarding.close();
  }
}

async function queueTemplates(session: Caller, connectionId: string, count: number, firstDigits = 70) {
  const queued: MessageResponse[] = [];
  for (let i = 0; i < count; i++) {
    const response = await session.post("/api/messages/send", {
      connectionId,
      to: `06123456${firstDigits + i}`,
      template: {
        name: "job_opportunity",
        language: "fr",
        body: [{ text: `Candidat ${i}` }, { text: "soudeur" }, { text: "Tanger" }],
      },
    });
    expect(response.statusCode, response.body).toBe(202);
    queued.push(response.json<MessageResponse>());
  }
  return queued;
}

describe("sending in batches", () => {
  it("ends each job of a batch on its own: one sent, one retried after 130429, one refused in words", async () => {
    const { session, connection } = (await connectedClients(["casablanca"]))[0]!;
    const queued = await queueTemplates(session, connection.id, 3);
    // The batch's first call is refused for throughput, its second definitely; the third goes.
    await control("fail-next", { code: 130429, count: 1 });
    await control("fail-next", { code: 131047, count: 1 });
    const worker = await startWorker();
    let views: MessageResponse[];
    try {
      views = await eventually(async () => {
        const all = await messagesOf(session, queued);
        return all.every((m) => m.wamid || m.status === "failed") && all;
      });
    } finally {
      await worker.close();
    }
    const failed = views.filter((m) => m.status === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toMatchObject({ code: 131047 });
    expect(failed[0]!.error!.explanation).toMatch(/send a template/);
    const sentIds = views.filter((m) => m.wamid).map((m) => m.id);
    expect(sentIds).toHaveLength(2);

    const sent = await sendsFrom(connection.phoneNumberId!);
    // Each sent message was accepted once; the refused one never was.
    expect(acceptedIds(sent)).toEqual([...sentIds].sort());
    const refusedFor = (code: number) =>
      sent.filter((s) => s.response.error?.code === code).map((s) => s.body.biz_opaque_callback_data);
    expect(refusedFor(131047)).toEqual([failed[0]!.id]);
    // The throttled one was tried again (after the back-off) and went.
    expect(refusedFor(130429)).toHaveLength(1);
    expect(sentIds).toContain(refusedFor(130429)[0]);
    expect(sent).toHaveLength(4);
  });

  it("learns the wa_id Meta returns for each new candidate of the batch (Mexico's differs from the number typed)", async () => {
    const { clientId, session, connection } = (await connectedClients(["casablanca"]))[0]!;
    const queued: MessageResponse[] = [];
    for (const to of ["+52 55 1234 5678", "0612345670"]) {
      const response = await session.post("/api/messages/send", {
        connectionId: connection.id,
        to,
        template: {
          name: "job_opportunity",
          language: "fr",
          body: [{ text: "Ana" }, { text: "soudeur" }, { text: "Tanger" }],
        },
      });
      expect(response.statusCode, response.body).toBe(202);
      queued.push(response.json<MessageResponse>());
    }
    const worker = await startWorker();
    try {
      await eventually(async () => (await messagesOf(session, queued)).every((m) => m.wamid));
    } finally {
      await worker.close();
    }
    const { rows } = await app.database.query(
      "select phone, wa_id from contacts where client_id = $1 order by phone",
      [clientId],
    );
    expect(rows).toEqual([
      { phone: "+212612345670", wa_id: "212612345670" },
      { phone: "+525512345678", wa_id: "5215512345678" },
    ]);
  });

  it("after a crash mid-batch, sends once what never reached Meta and never repeats what did", async () => {
    const { clientId, session, connection } = (await connectedClients(["casablanca"]))[0]!;
    const queued = await queueTemplates(session, connection.id, 3);
    const ids = queued.map((q) => q.id);
    // What a worker that died mid-batch leaves: the batch marked `sending`, and the first
    // message's Graph call made (Meta took it) but its answer never stored. Each message's fate
    // depends on its own age: the first was marked just now, well within the grace period its
    // status webhook has to arrive; the other two longer ago than the grace period, so they go
    // without waiting it out (whatever the machine's speed, the webhook never races the grace).
    await app.database.query(
      `update messages set status = 'sending', send_attempts = 1,
              updated_at = case when id = $2 then now() else now() - interval '1 hour' end
        where id = any($1)`,
      [ids, ids[0]],
    );
    const [entry] = await tenantRepositories(app.database.db, clientId).outbox.load([ids[0]!]);
    const { rows } = await app.database.query(
      "select data from pgboss.job where name = $1 and data->>'messageId' = $2",
      [sendMessageJob.name, ids[0]],
    );
    const components = (rows[0]!.data as { components: unknown[] }).components;
    const token = (await control("state"))
      .json()
      .tokens.find((t: { wabaIds: string[] }) => t.wabaIds.includes(connection.wabaId!)).token as string;
    const reachedMeta = await app.deps.graph.sendMessage(
      connection.phoneNumberId!,
      token,
      outboundPayload(entry!.message, entry!.contact, components),
    );
    expect(await sendsFrom(connection.phoneNumberId!)).toHaveLength(1);

    // The restarted worker finds the jobs (a crash leaves them active until they expire; here
    // they were never fetched, which the restarted worker sees the same way).
    const worker = await startWorker();
    let views: MessageResponse[];
    try {
      views = await eventually(async () => {
        const all = await messagesOf(session, queued);
        return all.every((m) => m.wamid) && all;
      });
    } finally {
      await worker.close();
    }
    // The first got its wamid from its status webhook (which carries our id), not from a second call.
    expect(views[0]!.wamid).toBe(reachedMeta.messages[0]!.id);
    const sent = await sendsFrom(connection.phoneNumberId!);
    expect(sent).toHaveLength(3);
    expect(acceptedIds(sent)).toEqual([...ids].sort());
  });

  it("keeps two clients' jobs in one batch apart, and a job naming another client's message does nothing", async () => {
    const [a, b] = await connectedClients(["casablanca", "atlas"]);
    const queuedA = await queueTemplates(a!.session, a!.connection.id, 2);
    const queuedB = await queueTemplates(b!.session, b!.connection.id, 2, 80);
    // Client B's id with client A's message, in the same batch as the real jobs.
    await app.deps.queue.enqueue(sendMessageJob, {
      clientId: b!.clientId,
      messageId: queuedA[0]!.id,
      components: [],
    });
    const worker = await startWorker();
    try {
      await eventually(async () => {
        const all = [...(await messagesOf(a!.session, queuedA)), ...(await messagesOf(b!.session, queuedB))];
        return all.every((m) => m.wamid);
      });
    } finally {
      await worker.close();
    }
    // Each message went once, from its own client's number.
    expect(acceptedIds(await sendsFrom(a!.connection.phoneNumberId!))).toEqual(
      queuedA.map((q) => q.id).sort(),
    );
    expect(acceptedIds(await sendsFrom(b!.connection.phoneNumberId!))).toEqual(
      queuedB.map((q) => q.id).sort(),
    );
    // Each message's events went to its own client only.
    const { rows } = await app.database.query(
      "select client_id, payload->'message'->>'id' as message_id from domain_events where type = 'message:status'",
    );
    const eventClients = new Map<string, Set<string>>();
    for (const row of rows as { client_id: string; message_id: string }[])
      eventClients.set(row.message_id, (eventClients.get(row.message_id) ?? new Set()).add(row.client_id));
    for (const { id } of queuedA) expect([...(eventClients.get(id) ?? [])]).toEqual([a!.clientId]);
    for (const { id } of queuedB) expect([...(eventClients.get(id) ?? [])]).toEqual([b!.clientId]);
    const owned = await app.database.query("select count(*)::int as n from messages where client_id = $1", [
      b!.clientId,
    ]);
    expect(owned.rows[0]).toEqual({ n: 2 });
  });

  it("keeps the slot of a send it cannot wait for: a backlog further ahead than the wait limit still goes", async () => {
    const { session, connection } = (await connectedClients(["casablanca"]))[0]!;
    // One send a second on this number, and its next 20 s already taken (other batches, another
    // worker): each of 15 messages queued now is more than the 10 s a send waits away. Were
    // their slots given up and reserved again each time their jobs came back, every return
    // would push the budget one second further while a second passed: none would ever go.
    await app.database.query("update whatsapp_connections set throughput_per_second = 1 where id = $1", [
      connection.id,
    ]);
    const reservedAt = Date.now();
    await reserveSlots(app.database.db, [
      { key: `number:${connection.id}`, spec: { perSecond: 1, burst: 1 }, count: 20 },
    ]);
    const queued = await queueTemplates(session, connection.id, 15, 10);
    const worker = await startWorker();
    try {
      await eventually(async () => (await messagesOf(session, queued)).every((m) => m.wamid), 75_000);
    } finally {
      await worker.close();
    }
    const sent = (await sendsFrom(connection.phoneNumberId!)).filter((s) => s.responseStatus === 200);
    expect(acceptedIds(sent)).toEqual(queued.map((q) => q.id).sort());
    // Still at the pace, one a second after the 20 slots taken: the i-th send never goes before
    // second 20 + i (it may go later on a loaded machine, never earlier; 1 s for the clocks).
    const times = sent.map((s) => s.at).sort((a, b) => a - b);
    times.forEach((at, i) => {
      expect(at, `send ${i + 1}`).toBeGreaterThanOrEqual(reservedAt + (20 + i) * 1000 - 1000);
    });
  }, 150_000);
});
