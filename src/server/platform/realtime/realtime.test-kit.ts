import { randomUUID } from "node:crypto";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll } from "vitest";
import { caller, TEST_PASSWORD } from "../../../../test/support/factories";
import {
  createTestApp,
  freePort,
  type TestApp,
  type TestAppOptions,
  testConfig,
} from "../../../../test/support/test-app";
import { PATIENCE_MS } from "../../../../test/support/waiting";
import type { ConversationResponse } from "../../../contracts/conversations";
import { CSRF_HEADER } from "../../../contracts/errors";
import type { MessageResponse } from "../../../contracts/messages";
import type { ClientToServerEvents, ServerToClientEvents } from "../../../contracts/realtime";
import { type BuiltApp, buildApp } from "../../app";
import { type Database, openPostgres } from "../db/client";
import { contacts, conversations, whatsappConnections } from "../db/schema/index";
import { event, recordEvents } from "../events/domain-events";
import { createLogger } from "../logger";

/** Test helpers for the Socket.io gateway (imported by the realtime integration tests only). */

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** `createTestApp` for the realtime tests. */
export async function createRealtimeTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  return createTestApp(options);
}

/** Generous: a loaded 2-core CI machine may take seconds, and a passing test never waits this long. */
export const WAIT_MS = PATIENCE_MS;

export interface SocketCredentials {
  cookie?: string;
  token?: string;
  origin?: string;
  transports?: ("websocket" | "polling")[];
}

function open(baseUrl: string, credentials: SocketCredentials): ClientSocket {
  const headers: Record<string, string> = {};
  if (credentials.cookie) headers.cookie = credentials.cookie;
  if (credentials.origin) headers.origin = credentials.origin;
  return connect(baseUrl, {
    path: "/socket.io",
    transports: credentials.transports ?? ["websocket"],
    extraHeaders: headers,
    auth: credentials.token ? { token: credentials.token } : {},
    reconnection: false,
    forceNew: true,
  });
}

const baseUrlOf = (app: BuiltApp) => app.deps.config.http.publicUrl;

/** A connected socket, or the connect_error's message as a rejection. */
export function connectSocket(app: BuiltApp, credentials: SocketCredentials): Promise<ClientSocket> {
  const socket = open(baseUrlOf(app), credentials);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** The reason a handshake is refused (fails the test if it connects). */
export async function refusal(app: BuiltApp, credentials: SocketCredentials): Promise<string> {
  try {
    const socket = await connectSocket(app, credentials);
    socket.close();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("the socket was accepted");
}

/**
 * Notes when the server disconnects the socket, from now on; `within(ms)` waits at most `ms` more
 * for it (counted from the call, so a slow request before it does not eat the delay).
 */
export function disconnection(socket: ClientSocket) {
  const happened = new Promise<string>((resolve) => socket.once("disconnect", resolve));
  return {
    within(ms = 3_000): Promise<string> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`still connected ${ms} ms later`)), ms);
      });
      return Promise.race([happened, timeout]).finally(() => clearTimeout(timer));
    },
  };
}

/** Logs in over HTTP: the `Cookie` header a browser tab would send, and headers for its writes. */
export async function login(app: TestApp, user: { email: string }) {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: user.email, password: TEST_PASSWORD },
  });
  const session = response.cookies.find((c) => c.name === "lj_session");
  if (!session) throw new Error(`login failed: ${response.statusCode}`);
  const cookie = `lj_session=${session.value}`;
  const { csrfToken } = response.json() as { csrfToken: string };
  return { cookie, writeHeaders: { cookie, [CSRF_HEADER]: csrfToken } };
}

export interface ReceivedEvent {
  name: string;
  payload: { eventId?: number } & Record<string, unknown>;
}

/** Everything a socket receives, in order, with a way to wait for what a test expects. */
export function collect(socket: ClientSocket) {
  const received: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  socket.onAny((name: string, payload: ReceivedEvent["payload"]) => {
    received.push({ name, payload });
    for (const check of waiters) check();
  });
  return {
    received,
    eventIds: () => received.filter((e) => e.payload.eventId !== undefined).map((e) => e.payload.eventId!),
    waitFor(predicate: (events: ReceivedEvent[]) => boolean, what: string): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(received)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`timed out waiting for ${what}; got ${JSON.stringify(received.map((e) => e.name))}`),
          );
        }, WAIT_MS);
        waiters.add(check);
        check();
      });
    },
    /** Waits until the event with this id has arrived. */
    waitForEvent(eventId: number) {
      return this.waitFor((events) => events.some((e) => e.payload.eventId === eventId), `event ${eventId}`);
    },
  };
}

/** A client's WhatsApp number, candidate and conversation, inserted directly. */
export async function insertConversation(app: TestApp, clientId: string): Promise<string> {
  const db = app.database.db;
  const marker = randomUUID().slice(0, 8);
  const [connection] = await db
    .insert(whatsappConnections)
    .values({
      clientId,
      state: "active",
      phoneNumberId: `pn-${marker}`,
      displayPhoneNumber: "+212 6 61 23 45 67",
    })
    .returning({ id: whatsappConnections.id });
  const [contact] = await db
    .insert(contacts)
    .values({ clientId, waId: `2126${marker}`, profileName: "Salma Idrissi" })
    .returning({ id: contacts.id });
  const [conversation] = await db
    .insert(conversations)
    .values({ clientId, connectionId: connection!.id, contactId: contact!.id })
    .returning({ id: conversations.id });
  return conversation!.id;
}

/** What the inbound pipeline records when a candidate writes: a presented message and conversation. */
export function messageReceived(text: string) {
  const conversationId = randomUUID();
  const now = new Date().toISOString();
  const message: MessageResponse = {
    id: randomUUID(),
    conversationId,
    direction: "inbound",
    wamid: `wamid.${randomUUID()}`,
    type: "text",
    content: { type: "text", body: text },
    status: "received",
    context: null,
    referral: null,
    reactions: [],
    error: null,
    pricing: null,
    senderUserId: null,
    automation: null,
    origin: null,
    occurredAt: now,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
  };
  const conversation: ConversationResponse = {
    id: conversationId,
    connectionId: randomUUID(),
    contact: {
      id: randomUUID(),
      waId: "212661234567",
      bsuid: null,
      parentBsuid: null,
      username: null,
      phone: "+212661234567",
      profileName: "Salma",
      name: "Salma Idrissi",
      displayName: "Salma Idrissi",
      externalCandidateId: null,
      externalJobRef: null,
      isOptedOut: false,
      optedOutAt: null,
      optOutSource: null,
      optedInAt: null,
      optInSource: null,
      language: null,
      languageSource: null,
    },
    lastMessageAt: now,
    lastMessagePreview: text,
    lastMessageDirection: "inbound",
    unreadCount: 1,
    isAwaitingReply: true,
    windowExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    isWindowOpen: true,
    stageId: null,
    labelIds: [],
    assigneeId: null,
    campaignId: null,
    status: "open",
    snoozedUntil: null,
    statusChangedAt: null,
    isArchived: false,
    isMarkedUnread: false,
    createdAt: now,
  };
  return event("message:received", { message, conversation });
}

/** Commits `count` inbound-message events for a client in one transaction; returns their ids. */
export async function commitEvents(
  app: { database: Database },
  clientId: string,
  count = 1,
  text = "Bonjour",
): Promise<number[]> {
  return app.database.db.transaction(async (tx) => {
    const ids: number[] = [];
    // NOTIFY payloads stop at 8000 bytes: a big batch is announced in several notifications.
    for (let i = 0; i < count; i += 500) {
      const batch = Array.from({ length: Math.min(500, count - i) }, (_, j) =>
        messageReceived(`${text} ${i + j}`),
      );
      ids.push(...(await recordEvents(tx, clientId, batch)).map((row) => row.id));
    }
    return ids;
  });
}

/**
 * Another web instance on the same database, listening on its own port: on PostgreSQL a pool of its
 * own (as a second machine would have); on PGlite the same in-process database.
 */
export async function startSecondInstance(app: TestApp, env: Record<string, string> = {}): Promise<BuiltApp> {
  const port = await freePort();
  const config = testConfig(app.database, {
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    PORT: String(port),
    ...env,
  });
  const shared = app.database.url ? openPostgres(app.database.url, 3) : app.database;
  const built = await buildApp({ config, database: shared, log: createLogger(config.log.level) });
  await built.app.listen({ host: "127.0.0.1", port });
  return {
    ...built,
    async close() {
      await built.close();
      if (shared !== app.database) await shared.close();
    },
  };
}

/**
 * A test file's listening app and its users' tabs: each tab is a logged-in socket with the events it
 * received, and an API caller of the same session. The app and every socket close after the file.
 */
export function realtimeTabs() {
  let app: TestApp | undefined;
  const open: ClientSocket[] = [];
  beforeAll(async () => {
    app = await createRealtimeTestApp({ listen: true });
  });
  afterAll(async () => {
    for (const socket of open) socket.close();
    await app?.close();
  });
  const started = (): TestApp => {
    if (!app) throw new Error("realtimeTabs: the app starts in beforeAll");
    return app;
  };
  return {
    get app(): TestApp {
      return started();
    },
    async tabOf(user: { email: string }) {
      const { cookie, writeHeaders } = await login(started(), user);
      const socket = await connectSocket(started(), { cookie });
      open.push(socket);
      return { socket, events: collect(socket), api: caller(started(), writeHeaders) };
    },
  };
}
