import {
  clients,
  contacts,
  conversations,
  messages,
  templates,
  whatsappConnections,
} from "../../src/server/platform/db/schema/index";
import type { TestApp } from "./test-app";

/**
 * Rows of the messaging tables, straight into the database, for tests that are not about how they
 * come to be. Each factory creates what its row needs unless given (a conversation without a
 * connection gets a new connection, in a new client unless one is given) and fills every required
 * column with a unique value, so a test names only what it is about.
 */

let sequence = 0;
/** Unique within a run (files run in parallel, each on a database of its own). */
const unique = () => `${Date.now().toString(36)}.${(++sequence).toString(36)}`;
/** A Moroccan mobile number, different for each contact of the run. */
const nextWaId = () => `2126${String((Date.now() + ++sequence) % 100_000_000).padStart(8, "0")}`;

/** The client that owns a row, for a factory given a parent row but no client. */
async function ownerOf(
  app: TestApp,
  table: "whatsapp_connections" | "contacts" | "conversations",
  id: string,
) {
  const { rows } = await app.database.query(`SELECT client_id FROM ${table} WHERE id = $1`, [id]);
  if (!rows[0]) throw new Error(`no ${table} row ${id}`);
  return String(rows[0].client_id);
}

/**
 * A client with no users: hashing an owner's password costs more than all the rows of a test. A test
 * that logs in builds its client with `buildClient` and passes its id.
 */
async function newClient(app: TestApp) {
  const [client] = await app.database.db
    .insert(clients)
    .values({ name: `Client ${unique()}` })
    .returning();
  return client!.id;
}

/** An active WhatsApp number (no token: nothing calls Meta), with ids no other connection has. */
export async function buildConnection(
  app: TestApp,
  overrides: Partial<typeof whatsappConnections.$inferInsert> = {},
) {
  const clientId = overrides.clientId ?? (await newClient(app));
  const id = unique();
  const [row] = await app.database.db
    .insert(whatsappConnections)
    .values({
      state: "active",
      phoneNumberId: `pn-${id}`,
      wabaId: `waba-${id}`,
      displayPhoneNumber: "+212 6 61 00 00 00",
      ...overrides,
      clientId,
    })
    .returning();
  return row!;
}

/** A candidate known by their WhatsApp id and phone. */
export async function buildContact(app: TestApp, overrides: Partial<typeof contacts.$inferInsert> = {}) {
  const clientId = overrides.clientId ?? (await newClient(app));
  const waId = overrides.waId ?? nextWaId();
  const [row] = await app.database.db
    .insert(contacts)
    .values({ phone: `+${waId}`, ...overrides, waId, clientId })
    .returning();
  return row!;
}

/** A chat between a candidate and a number, of the client of whichever of them is given. */
export async function buildConversation(
  app: TestApp,
  overrides: Partial<typeof conversations.$inferInsert> = {},
) {
  const clientId =
    overrides.clientId ??
    (overrides.connectionId && (await ownerOf(app, "whatsapp_connections", overrides.connectionId))) ??
    (overrides.contactId && (await ownerOf(app, "contacts", overrides.contactId))) ??
    (await newClient(app));
  const connectionId = overrides.connectionId ?? (await buildConnection(app, { clientId })).id;
  const contactId = overrides.contactId ?? (await buildContact(app, { clientId })).id;
  const [row] = await app.database.db
    .insert(conversations)
    .values({ ...overrides, clientId, connectionId, contactId })
    .returning();
  return row!;
}

/**
 * A message in a conversation: by default a text the candidate sent ("received"); an outbound one
 * defaults to "sent". `body` sets the text and its content together.
 */
export async function buildMessage(
  app: TestApp,
  { body = "Bonjour", ...overrides }: Partial<typeof messages.$inferInsert> & { body?: string } = {},
) {
  const conversation = overrides.conversationId
    ? {
        id: overrides.conversationId,
        clientId: await ownerOf(app, "conversations", overrides.conversationId),
      }
    : await buildConversation(app, overrides.clientId ? { clientId: overrides.clientId } : {});
  const direction = overrides.direction ?? "inbound";
  const [row] = await app.database.db
    .insert(messages)
    .values({
      direction,
      wamid: `wamid.test.${unique()}`,
      type: "text",
      content: { content: { type: "text", body } },
      text: body,
      status: direction === "inbound" ? "received" : "sent",
      ...overrides,
      clientId: overrides.clientId ?? conversation.clientId,
      conversationId: conversation.id,
    })
    .returning();
  return row!;
}

/** An approved template on a number, by default a body with one positional value. */
export async function buildTemplate(app: TestApp, overrides: Partial<typeof templates.$inferInsert> = {}) {
  const clientId =
    overrides.clientId ??
    (overrides.connectionId && (await ownerOf(app, "whatsapp_connections", overrides.connectionId))) ??
    (await newClient(app));
  const connectionId = overrides.connectionId ?? (await buildConnection(app, { clientId })).id;
  const id = unique();
  const [row] = await app.database.db
    .insert(templates)
    .values({
      metaTemplateId: `template-${id}`,
      name: `template_${id.replace(/\W/g, "_")}`,
      language: "fr",
      category: "UTILITY",
      status: "APPROVED",
      components: [{ type: "BODY", text: "Bonjour {{1}}" }],
      ...overrides,
      clientId,
      connectionId,
    })
    .returning();
  return row!;
}
