import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiKeyScope } from "../src/contracts/accounts";
import {
  contacts,
  conversations,
  media,
  messages,
  templates,
  whatsappConnections,
} from "../src/server/platform/db/schema/index";
import { apiKeyCaller, buildClient, buildUser, type Caller, caller, loginAs } from "./support/factories";
import {
  example,
  type HostileValue,
  hostileValues,
  jsonText,
  type OpenApiOperation,
  propertyPaths,
  withValueAt,
} from "./support/hostile-input";
import { createTestApp, type TestApp } from "./support/test-app";

/**
 * Every API route of the OpenAPI document, with hostile values in each of its parameters and body
 * fields (nested ones too): never a 5xx, NUL and lone surrogates refused with a 400 naming the
 * field, and a refused request leaves the database as it was. One owner's session, real ids of
 * its client, so values reach the services and the database, not only the validation.
 */

let app: TestApp;
let owner: Caller;
/** LinkoJob's back office, for the operator routes (no client's session reaches them). */
let operator: Caller;
const OPERATOR_KEY = `ljop_${"f".repeat(40)}`;
let mediaDir: string;
const ids: Record<string, string> = {};

// Ends the one session the walk uses; its input is a cookie, not parameters.
const skipped = new Set(["POST /api/auth/logout"]);

/** Bodies the schema alone cannot make valid (one-of rules, a template that exists). */
function knownGoodBodies(): Record<string, unknown> {
  const campaign = {
    connectionId: ids.connectionId,
    template: { name: "tpl_fuzz", language: "fr" },
    recipients: [{ phone: "0612345678", name: "Salma" }],
    name: "Fuzz campaign",
  };
  return {
    "POST /api/messages/send": { conversationId: ids.conversationId, text: "Bonjour" },
    "POST /api/campaigns": campaign,
    "POST /api/campaigns/estimate": campaign,
  };
}

/** Path ids by the collection they follow, so a route finds its row and goes on. */
const pathIds: Record<string, string> = {
  users: "recruiterId",
  "api-keys": "apiKeyId",
  clients: "clientId",
  connections: "connectionId",
  conversations: "conversationId",
  contacts: "contactId",
  messages: "conversationId",
  media: "mediaId",
};

async function seedTenant(): Promise<void> {
  const db = app.database.db;
  const { client, owner: ownerRow } = await buildClient(app);
  const recruiter = await buildUser(app, { clientId: client.id });
  const key = await apiKeyCaller(app, ownerRow, ApiKeyScope.options);
  const [connection] = await db
    .insert(whatsappConnections)
    .values({ clientId: client.id, state: "active", phoneNumberId: "pn-fuzz", displayPhoneNumber: "+212 6" })
    .returning();
  const [contact] = await db
    .insert(contacts)
    .values({ clientId: client.id, waId: "212600000001", phone: "+212600000001", name: "Candidate" })
    .returning();
  const [conversation] = await db
    .insert(conversations)
    .values({
      clientId: client.id,
      connectionId: connection!.id,
      contactId: contact!.id,
      lastInboundAt: new Date(),
      lastMessageAt: new Date(),
    })
    .returning();
  const [message] = await db
    .insert(messages)
    .values({
      clientId: client.id,
      conversationId: conversation!.id,
      direction: "inbound",
      wamid: "wamid.fuzz",
      type: "text",
      content: { content: { type: "text", body: "Salam" } },
      text: "Salam",
      status: "received",
    })
    .returning();
  const [file] = await db
    .insert(media)
    .values({ clientId: client.id, status: "stored", storageKey: `${client.id}/x`, mimeType: "image/png" })
    .returning();
  await db.insert(templates).values({
    clientId: client.id,
    connectionId: connection!.id,
    metaTemplateId: "t-fuzz",
    name: "tpl_fuzz",
    language: "fr",
    category: "UTILITY",
    status: "APPROVED",
    components: [{ type: "BODY", text: "Bonjour" }],
  });
  const { client: operatorClient } = await buildClient(app);
  Object.assign(ids, {
    clientId: client.id,
    operatorClientId: operatorClient.id,
    recruiterId: recruiter.id,
    assigneeId: recruiter.id,
    apiKeyId: key.id,
    connectionId: connection!.id,
    contactId: contact!.id,
    conversationId: conversation!.id,
    messageId: message!.id,
    replyToMessageId: message!.id,
    mediaId: file!.id,
  });
  owner = await loginAs(app, ownerRow);
  operator = caller(app, { authorization: `Bearer ${OPERATOR_KEY}` });
}

let digestQuery: string | undefined;

/** A digest of every table: a refused request must leave it as it was. */
async function databaseDigest(): Promise<string> {
  if (!digestQuery) {
    const { rows } = await app.database.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    // Sessions and API keys record their last use on reads: counted, not compared row by row. The
    // audit logs record refused attempts (a wrong signup state, every operator call) on purpose.
    const counted = new Set(["sessions", "api_keys"]);
    const parts = rows
      .filter(({ table_name: table }) => table !== "audit_log" && table !== "operator_audit_log")
      .map(({ table_name: table }) =>
        counted.has(String(table))
          ? `(SELECT count(*)::text FROM "${table}")`
          : `(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM "${table}" t)`,
      );
    digestQuery = `SELECT concat_ws('|', ${parts.join(", ")}) AS d`;
  }
  return String((await app.database.query(digestQuery)).rows[0]!.d);
}

interface Route {
  method: string;
  path: string;
  operation: OpenApiOperation;
}

/** Where a hostile value goes: one parameter or body field of a route, the others kept valid. */
interface Slot {
  name: string;
  /** What the 400 for a refused value must name. */
  field: string | null;
  isRefused(value: HostileValue): boolean;
  request(value: HostileValue): {
    path: Record<string, string>;
    query: Record<string, string>;
    body: unknown;
  };
}

function baseline(route: Route) {
  const params = route.operation.parameters ?? [];
  const collection = route.path.split("/{")[0]!.split("/").at(-1)!;
  const path = Object.fromEntries(
    params
      .filter((p) => p.in === "path")
      .map((p) => {
        // The operator's routes act on a client of their own: suspending the tenant whose session
        // sends every other request would turn the rest of the run into 401s.
        const key =
          route.path.startsWith("/api/operator/") && collection === "clients"
            ? "operatorClientId"
            : pathIds[collection];
        const value = ids[key ?? ""] ?? String(example(p.schema, ids, p.name));
        return [p.name, encodeURIComponent(value)];
      }),
  );
  const schema = route.operation.requestBody?.content["application/json"]?.schema;
  const body =
    knownGoodBodies()[`${route.method} ${route.path}`] ?? (schema ? example(schema, ids) : undefined);
  return { path, query: {} as Record<string, string>, body, schema };
}

function slotsOf(route: Route): Slot[] {
  const base = baseline(route);
  const inUrl = (value: HostileValue) => value.refusedIn.url;
  const inJson = (value: HostileValue) => value.refusedIn.json;
  const slots: Slot[] = [];
  for (const param of route.operation.parameters ?? []) {
    if (param.in === "path")
      slots.push({
        name: `path ${param.name}`,
        field: null,
        isRefused: inUrl,
        request: (value) => ({ ...base, path: { ...base.path, [param.name]: value.url } }),
      });
    if (param.in === "query")
      slots.push({
        name: `query ${param.name}`,
        field: `querystring.${param.name}`,
        isRefused: inUrl,
        request: (value) => ({ ...base, query: { [param.name]: value.url } }),
      });
  }
  const { schema } = base;
  if (!schema) return slots;
  slots.push({
    name: "body",
    field: "body",
    isRefused: inJson,
    request: (value) => ({ ...base, body: value.json }),
  });
  for (const path of propertyPaths(schema, base.body)) {
    const field = `body.${path.join(".")}`;
    slots.push({
      name: field,
      field,
      isRefused: inJson,
      request: (value) => ({ ...base, body: withValueAt(base.body, schema, path, value.json, ids) }),
    });
  }
  return slots;
}

function errorOf(body: string): { code?: string; details?: { field: string }[] } | undefined {
  try {
    return (JSON.parse(body) as { error?: { code?: string; details?: { field: string }[] } }).error;
  } catch {
    return undefined;
  }
}

function urlOf(route: Route, request: ReturnType<Slot["request"]>): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => request.path[name] ?? "");
  const query = Object.entries(request.query).map(([k, v]) => `${k}=${v}`);
  return query.length > 0 ? `${path}?${query.join("&")}` : path;
}

function send(route: Route, request: ReturnType<Slot["request"]>) {
  const payload =
    route.path === "/api/media"
      ? { payload: Buffer.from("\u0089PNG fuzz"), headers: { "content-type": "image/png" } }
      : request.body === undefined
        ? {}
        : { payload: jsonText(request.body), headers: { "content-type": "application/json" } };
  const by = route.path.startsWith("/api/operator/") ? operator : owner;
  return by.request({ method: route.method as "GET", url: urlOf(route, request), ...payload });
}

beforeAll(async () => {
  mediaDir = mkdtempSync(join(tmpdir(), "lj-fuzz-media-"));
  app = await createTestApp({ MEDIA_DIR: mediaDir, OPERATOR_API_KEY: OPERATOR_KEY });
  await seedTenant();
});
afterAll(async () => {
  await app.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

describe("hostile input on every API route", () => {
  it("never answers 5xx, refuses NUL and lone surrogates by name, and stores nothing it refuses", async () => {
    const spec = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as {
      paths: Record<string, Record<string, OpenApiOperation>>;
    };
    const routes: Route[] = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith("/api/"))
      .flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({
          method: method.toUpperCase(),
          path,
          operation,
        })),
      )
      .filter((route) => !skipped.has(`${route.method} ${route.path}`));
    expect(routes.length).toBeGreaterThan(30);

    const problems: string[] = [];
    const started = Date.now();
    let count = 0;
    let digest: string | undefined;
    for (const route of routes) {
      for (const slot of slotsOf(route)) {
        // The values of one slot share a digest, compared when every one of them was refused; the
        // digest after one slot is the one before the next.
        const before = digest ?? (await databaseDigest());
        let allRefused = true;
        for (const value of hostileValues) {
          count++;
          const request = slot.request(value);
          const response = await send(route, request);
          const where = `${route.method} ${urlOf(route, request).slice(0, 80)} [${slot.name} = ${value.name}]`;
          if (response.statusCode < 400) allRefused = false;
          if (response.statusCode >= 500) {
            problems.push(`${where}: ${response.statusCode} ${response.body.slice(0, 200)}`);
          } else if (slot.isRefused(value) && response.statusCode !== 429) {
            const error = errorOf(response.body);
            const named = (Array.isArray(error?.details) ? error.details : []).some(
              (d) => slot.field === null || d.field.startsWith(slot.field),
            );
            if (response.statusCode !== 400 || error?.code !== "validation_failed" || !named)
              problems.push(
                `${where}: expected a 400 naming ${slot.field}, got ${response.statusCode} ${response.body.slice(0, 200)}`,
              );
          }
        }
        digest = await databaseDigest();
        if (allRefused && digest !== before)
          problems.push(`${route.method} ${route.path} [${slot.name}]: refused, yet the database changed`);
      }
      if (route.operation.requestBody) {
        // An update that sets nothing: `{}` is not a hostile value, but it once answered 500.
        digest = undefined;
        const empty = await send(route, { ...baseline(route), body: {} });
        if (empty.statusCode >= 500)
          problems.push(`${route.method} ${route.path} with {}: ${empty.statusCode}`);
      }
    }
    console.log(`${count} hostile requests in ${Date.now() - started} ms`);
    expect(problems, problems.join("\n")).toEqual([]);
  }, 120_000);
});
