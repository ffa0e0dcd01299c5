import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyCaller, buildClient, buildUser, loginAs } from "../../../../test/support/factories";
import { metricSample } from "../../../../test/support/metrics";
import type { TestApp } from "../../../../test/support/test-app";
import { testBackend } from "../../../../test/support/test-database";
import type { BuiltApp } from "../../app";
import { recordEvents, recordEventsOfClients } from "../events/domain-events";
import { LISTENER_APPLICATION_NAME } from "./domain-events-listener";
import {
  type ClientSocket,
  collect,
  commitEvents,
  connectSocket,
  createRealtimeTestApp,
  insertConversation,
  login,
  messageReceived,
  startSecondInstance,
} from "./realtime.test-kit";

/**
 * Domain events reach the sockets of their client once, after commit: never another client's
 * sockets, never a rolled-back change, once per socket however many web instances listen.
 */

let app: TestApp;
const open: ClientSocket[] = [];
const instances: BuiltApp[] = [];

beforeAll(async () => {
  app = await createRealtimeTestApp({ listen: true });
});
afterAll(async () => {
  for (const socket of open) socket.close();
  for (const instance of instances) await instance.close();
  await app.close();
});

/** A sample of `/metrics` (NaN when the series is missing, which fails any comparison). */
const metric = async (series: string) => (await metricSample(app, series)) ?? Number.NaN;

async function tab(on: BuiltApp, clientId: string) {
  const { cookie } = await login(app, await buildUser(app, { clientId }));
  const socket = await connectSocket(on, { cookie });
  open.push(socket);
  return collect(socket);
}

describe("domain event fan-out", () => {
  it("delivers a client's event to each of its tabs and API-key sockets, never to another client's", async () => {
    const a = await buildClient(app);
    const b = await buildClient(app);
    const [tab1, tab2, bTab] = [
      await tab(app, a.client.id),
      await tab(app, a.client.id),
      await tab(app, b.client.id),
    ];
    const key = await apiKeyCaller(app, a.owner, ["conversations:read"]);
    const integration = await connectSocket(app, { token: key.secret });
    open.push(integration);
    const aIntegration = collect(integration);

    const [aEvent] = await commitEvents(app, a.client.id, 1, "Bonjour, je suis intéressée");
    const [bEvent] = await commitEvents(app, b.client.id, 1, "Salam");
    const [aMarker] = await commitEvents(app, a.client.id);
    // Emission follows id order and a socket receives in order: once the last event has arrived,
    // a misrouted earlier one would have arrived too.
    await Promise.all([tab1, tab2, aIntegration].map((s) => s.waitForEvent(aMarker!)));
    await bTab.waitForEvent(bEvent!);

    for (const s of [tab1, tab2, aIntegration]) {
      expect(s.eventIds()).toEqual([aEvent, aMarker]);
      expect(s.received[0]!.name).toBe("message:received");
      const payload = s.received[0]!.payload as { message: { content: { body: string } } };
      expect(payload.message.content.body).toBe("Bonjour, je suis intéressée 0");
    }
    expect(bTab.eventIds()).toEqual([bEvent]);
  });

  it("sends a burst of a client's events to a tab in order, in one write instead of one each", async () => {
    const { client } = await buildClient(app);
    const socket = await tab(app, client.id);
    // The server side of this tab's TCP connection: count its writes (each one a system call).
    const serverSide = app.realtime!.io.of("/").sockets.get(open.at(-1)!.id!)!;
    const tcp = (serverSide.conn as unknown as { transport: { socket?: { _socket?: Socket } } }).transport
      .socket?._socket;
    expect(tcp).toBeDefined();
    let writes = 0;
    const write = tcp!._write.bind(tcp);
    const writev = tcp!._writev!.bind(tcp);
    tcp!._write = (...args) => {
      writes += 1;
      write(...args);
    };
    tcp!._writev = (...args) => {
      writes += 1;
      writev(...args);
    };

    const ids = await commitEvents(app, client.id, 300, "Rafale");
    await socket.waitForEvent(ids.at(-1)!);
    expect(socket.eventIds()).toEqual(ids);
    // One commit, one read, one write: engine.io would send the first packet alone without the hold.
    expect(writes).toBe(1);
  });

  it("emits nothing for a transaction that rolls back", async () => {
    const { client } = await buildClient(app);
    const socket = await tab(app, client.id);
    let rolledBackIds: number[] = [];
    await expect(
      app.database.db.transaction(async (tx) => {
        rolledBackIds = (await recordEvents(tx, client.id, [messageReceived("jamais envoyé")])).map(
          (row) => row.id,
        );
        throw new Error("the change fails after recording its event");
      }),
    ).rejects.toThrow("the change fails");
    expect(rolledBackIds).toHaveLength(1);

    // A later commit's event arriving proves the earlier notification (had there been one) was handled.
    const [later] = await commitEvents(app, client.id);
    await socket.waitForEvent(later!);
    expect(socket.eventIds()).toEqual([later]);
  });

  it("emits events handed over in-process once per tab, to their client only, though PostgreSQL announces them too", async () => {
    const a = await buildClient(app);
    const b = await buildClient(app);
    const [aTab, bTab] = [await tab(app, a.client.id), await tab(app, b.client.id)];
    const stored = await app.database.db.transaction((tx) =>
      recordEventsOfClients(tx, [
        { clientId: a.client.id, events: [messageReceived("remis en main propre")] },
        { clientId: b.client.id, events: [messageReceived("pour B")] },
      ]),
    );
    expect(stored.map((row) => row.clientId)).toEqual([a.client.id, b.client.id]);
    app.deps.committedEvents.publish(stored);
    // The notification of the same commit comes too: a later event arriving means it was handled.
    const [aMarker] = await commitEvents(app, a.client.id);
    const [bMarker] = await commitEvents(app, b.client.id);
    await aTab.waitForEvent(aMarker!);
    await bTab.waitForEvent(bMarker!);
    expect(aTab.eventIds()).toEqual([stored[0]!.id, aMarker]);
    expect(bTab.eventIds()).toEqual([stored[1]!.id, bMarker]);
    const payload = aTab.received[0]!.payload as { message: { content: { body: string } } };
    expect(payload.message.content.body).toBe("remis en main propre");
  });

  it("announces a candidate edited by one recruiter (name, language) to the team's other tabs, never to another client", async () => {
    const a = await buildClient(app);
    const b = await buildClient(app);
    const conversationId = await insertConversation(app, a.client.id);
    const [aTab, bTab] = [await tab(app, a.client.id), await tab(app, b.client.id)];
    const { rows } = await app.database.query("SELECT contact_id FROM conversations WHERE id = $1", [
      conversationId,
    ]);
    const editor = await loginAs(app, a.owner);
    const edited = await editor.patch(`/api/contacts/${rows[0]!.contact_id}`, {
      name: "Salma Idrissi (soudeuse)",
      language: "ar",
    });
    expect(edited.statusCode).toBe(200);

    await aTab.waitFor((events) => events.some((e) => e.name === "conversation:updated"), "the update");
    const update = aTab.received.find((e) => e.name === "conversation:updated")!.payload as {
      conversation: { id: string; contact: { displayName: string; language: string } };
    };
    expect(update.conversation.id).toBe(conversationId);
    expect(update.conversation.contact).toMatchObject({
      displayName: "Salma Idrissi (soudeuse)",
      language: "ar",
      languageSource: "recruiter",
    });
    const [bMarker] = await commitEvents(app, b.client.id);
    await bTab.waitForEvent(bMarker!);
    expect(bTab.eventIds()).toEqual([bMarker]);
  });

  it("delivers each event once per socket when two web instances listen to the same database", async () => {
    const second = await startSecondInstance(app);
    instances.push(second);
    const { client } = await buildClient(app);
    const [on1, on2, alsoOn2] = [
      await tab(app, client.id),
      await tab(second, client.id),
      await tab(second, client.id),
    ];
    const ids = await commitEvents(app, client.id, 3);
    const [marker] = await commitEvents(app, client.id);
    for (const s of [on1, on2, alsoOn2]) {
      await s.waitForEvent(marker!);
      expect(s.eventIds()).toEqual([...ids, marker]);
    }
    instances.splice(instances.indexOf(second), 1);
    await second.close();
  });

  it("waits for the hand-over of events this process's notification names, rather than reading them back", async () => {
    const { client } = await buildClient(app);
    const socket = await tab(app, client.id);
    const origin = app.deps.committedEvents.origin;
    const stored = await app.database.db.transaction((tx) =>
      recordEventsOfClients(
        tx,
        [{ clientId: client.id, events: [messageReceived("lu en mémoire")] }],
        origin,
      ),
    );
    // The notification has come by now; a hand-over a little later is still the copy emitted.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const handed = stored.map((row) => ({ ...row, payload: { ...row.payload, handedOver: true } }));
    app.deps.committedEvents.publish(handed);
    const [marker] = await commitEvents(app, client.id);
    await socket.waitForEvent(marker!);
    expect(socket.eventIds()).toEqual([stored[0]!.id, marker]);
    expect(socket.received[0]!.payload).toMatchObject({ handedOver: true });
  });

  it("reads back events its notification says are handed over when the hand-over never comes", async () => {
    const { client } = await buildClient(app);
    const socket = await tab(app, client.id);
    const missed = () => metric("realtime_handover_missed_total");
    const before = await missed();
    const [stored] = await app.database.db.transaction((tx) =>
      recordEventsOfClients(
        tx,
        [{ clientId: client.id, events: [messageReceived("jamais remis")] }],
        app.deps.committedEvents.origin,
      ),
    );
    await socket.waitForEvent(stored!.id);
    expect(socket.eventIds()).toEqual([stored!.id]);
    const payload = socket.received[0]!.payload as { message: { content: { body: string } } };
    expect(payload.message.content.body).toBe("jamais remis");
    // An operator sees it: a hand-over that never came is counted.
    expect((await missed()) - before).toBe(1);
  });

  it("orders a burst of events by id and coalesces them into few queries without losing any", async () => {
    const { client } = await buildClient(app);
    const socket = await tab(app, client.id);
    const batches = await Promise.all(Array.from({ length: 20 }, () => commitEvents(app, client.id, 5)));
    const all = batches.flat();
    await socket.waitFor((events) => events.length >= all.length, `${all.length} events`);
    expect([...socket.eventIds()].sort((x, y) => x - y)).toEqual([...all].sort((x, y) => x - y));
  });

  it.skipIf(testBackend !== "postgres")(
    "reconnects when the listener's PostgreSQL connection is killed, and replays what it missed (PostgreSQL only: PGlite runs in-process)",
    async () => {
      const { client } = await buildClient(app);
      const socket = await tab(app, client.id);
      const [before] = await commitEvents(app, client.id);
      await socket.waitForEvent(before!);

      const killed = await app.database.query(
        "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
        [LISTENER_APPLICATION_NAME],
      );
      expect(killed.rows.length).toBeGreaterThan(0);
      const [during] = await commitEvents(app, client.id);
      await socket.waitForEvent(during!);
      const [after] = await commitEvents(app, client.id);
      await socket.waitForEvent(after!);
      expect(socket.eventIds()).toEqual([before, during, after]);
    },
  );

  it("counts connected sockets and measures the delay to emission in /metrics", async () => {
    const { client } = await buildClient(app);
    const socket = await tab(app, client.id);
    const [id] = await commitEvents(app, client.id);
    await socket.waitForEvent(id!);
    const sockets = await metric("realtime_connected_sockets");
    const emitted = await metric("realtime_event_emit_delay_seconds_count");
    expect(sockets).toBeGreaterThanOrEqual(1);
    expect(emitted).toBeGreaterThanOrEqual(1);
  });
});

describe("a client with no tab open on this instance", () => {
  it("costs no emission: its events are not encoded, and a client with a tab still gets its own", async () => {
    const emitted = () => metric("realtime_event_emit_delay_seconds_count");
    const quiet = await buildClient(app);
    const watched = await buildClient(app);
    const socket = await tab(app, watched.client.id);
    const before = await emitted();
    await commitEvents(app, quiet.client.id, 3);
    const [marker] = await commitEvents(app, watched.client.id);
    // Events go out in id order: the watched client's arriving means the quiet one's were handled.
    await socket.waitForEvent(marker!);
    expect(socket.eventIds()).toEqual([marker]);
    expect((await emitted()) - before).toBe(1);
  });
});
