/**
 * The inbox's hot queries on one client with tens of thousands of conversations and a million
 * messages: the product's own repositories build the SQL (captured through Drizzle's logger), then
 * `EXPLAIN (ANALYZE, BUFFERS)` runs it with the same parameters.
 */
import { writeFileSync } from "node:fs";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { provisionClient } from "../../src/server/modules/accounts/provisioning.repository";
import { tenantRepositories } from "../../src/server/modules/tenant-repositories";
import type { Db } from "../../src/server/platform/db/client";
import * as schema from "../../src/server/platform/db/schema/index";
import type { Stack } from "./stack";
import { fmt } from "./support";

const CONVERSATIONS = Number(process.env.BENCH_PLAN_CONVERSATIONS ?? 30_000);
const MESSAGES = Number(process.env.BENCH_PLAN_MESSAGES ?? 1_000_000);

type Row = (area: string, metric: string, value: string, ceiling: string, mark: string) => void;

async function seed(client: pg.PoolClient, clientId: string, ownerId: string): Promise<void> {
  const { rows } = await client.query(
    `insert into whatsapp_connections (client_id, state, waba_id, phone_number_id, display_phone_number)
     values ($1, 'active', 'plans-waba', 'plans-number', '+212 5 22 00 00 00') returning id`,
    [clientId],
  );
  const connectionId = rows[0].id;
  await client.query(
    `insert into contacts (client_id, wa_id, phone, profile_name, name, opted_out_at)
     select $1, '2126' || lpad(i::text, 8, '0'), '+2126' || lpad(i::text, 8, '0'),
            (array['Youssef','Fatima','Karim','Salma','Omar','Khadija','Hamza','Imane'])[1 + i % 8] || ' ' || i,
            case when i % 3 = 0 then 'Candidat ' || i end,
            case when i % 200 = 0 then now() - interval '3 days' end
     from generate_series(1, $2::int) i`,
    [clientId, CONVERSATIONS],
  );
  await client.query(
    `insert into conversations (client_id, connection_id, contact_id, last_inbound_at, last_message_at,
                                last_message_preview, last_message_direction, unread_count, is_awaiting_reply, assignee_id)
     select $1, $2, c.id, now() - (n % 2000) * interval '1 hour', now() - n * interval '1 minute',
            'Bonjour', case when n % 2 = 0 then 'inbound' else 'outbound' end,
            case when n % 10 = 0 then 2 else 0 end, n % 3 = 0, case when n % 50 = 0 then $3::uuid end
     from (select id, row_number() over (order by wa_id) as n from contacts where client_id = $1) c`,
    [clientId, connectionId, ownerId],
  );
  await client.query(
    `create temp table plan_conversations as
     select id, row_number() over (order by last_message_at desc) - 1 as n from conversations where client_id = $1`,
    [clientId],
  );
  await client.query("create index on plan_conversations (n)");
  await client.query(
    `insert into messages (client_id, conversation_id, direction, wamid, type, content, text, status, occurred_at)
     select $1, pc.id, case when i % 2 = 0 then 'inbound' else 'outbound' end, 'wamid.plans.' || i, 'text',
            jsonb_build_object('content', jsonb_build_object('type', 'text', 'body', 'Message ' || i)),
            'Message ' || i || ' au sujet du poste de ' ||
              (array['technicien','comptable','chauffeur','infirmier','commercial','soudeur','caissier','magasinier'])[1 + i % 8],
            case when i % 2 = 0 then 'received' else 'read' end,
            now() - (i % $3::int) * interval '1 minute' - (i / $3::int) * interval '1 day'
     from generate_series(1, $2::int) i join plan_conversations pc on pc.n = i % $3::int`,
    [clientId, MESSAGES, CONVERSATIONS],
  );
  await client.query("analyze contacts; analyze conversations; analyze messages");
}

export async function runQueryPlans(stack: Stack, row: Row): Promise<void> {
  console.log(
    `\n== Query plans (${fmt(CONVERSATIONS)} conversations, ${fmt(MESSAGES)} messages, one client)`,
  );
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  const captured: { sql: string; params: unknown[] }[] = [];
  const db = drizzle(pool, {
    schema,
    logger: { logQuery: (sql, params) => captured.push({ sql, params }) },
  }) as unknown as Db;
  try {
    const { client: tenant, owner } = await provisionClient(db, {
      name: "Plans agency",
      owner: { email: "plans@bench.test", name: "Plans", password: "bench-password-123" },
    });
    const started = Date.now();
    const seeding = await pool.connect();
    try {
      await seed(seeding, tenant.id, owner.id);
    } finally {
      seeding.release();
    }
    console.log(`  seeded in ${fmt((Date.now() - started) / 1000, 1)} s`);

    const repos = tenantRepositories(db, tenant.id);
    const deep = await pool.query(
      "select id, last_message_at from conversations where client_id = $1 order by last_message_at desc, id desc offset 10000 limit 1",
      [tenant.id],
    );
    // One long chat (5,000 messages) beside the many short ones.
    const conversationId: string = deep.rows[0].id;
    await pool.query(
      `insert into messages (client_id, conversation_id, direction, wamid, type, content, text, status, occurred_at)
       select $1, $2, 'inbound', 'wamid.plans.long.' || i, 'text', '{"content":{"type":"text","body":"Oui"}}', 'Oui',
              'received', now() - i * interval '1 minute'
       from generate_series(1, 5000) i`,
      [tenant.id, conversationId],
    );
    await pool.query("analyze messages");
    const cases: { name: string; run: () => Promise<unknown> }[] = [
      { name: "GET /api/conversations (first page)", run: () => repos.conversations.list({ limit: 50 }) },
      {
        name: "GET /api/conversations (page after 10,000)",
        run: () =>
          repos.conversations.list({
            limit: 50,
            after: { lastMessageAt: deep.rows[0].last_message_at, id: deep.rows[0].id },
          }),
      },
      ...(
        ["unread", "awaiting_reply", "window_open", "window_closed", "assigned_to_me", "opted_out"] as const
      ).map((filter) => ({
        name: `GET /api/conversations?filter=${filter}`,
        run: () => repos.conversations.list({ limit: 50, filter, userId: owner.id }),
      })),
      {
        name: "GET /api/conversations?q=soudeur (message text: the index lookup stops past 2,000 matches)",
        run: () => repos.messages.conversationsMatching("soudeur"),
      },
      {
        name: "GET /api/conversations?q=soudeur (the list: each chat probed in recency order)",
        run: async () =>
          repos.conversations.list({
            limit: 50,
            search: "soudeur",
            matchingConversationIds: await repos.messages.conversationsMatching("soudeur"),
          }),
      },
      {
        name: "GET /api/conversations?q=plombier (message text, no match)",
        run: () => repos.messages.conversationsMatching("plombier"),
      },
      {
        name: "GET /api/conversations?q=Karim 12 (name, no text match)",
        run: () => repos.conversations.list({ limit: 50, search: "Karim 12" }),
      },
      {
        name: "GET /api/conversations?q=Karim (name, 1 contact in 8)",
        run: () => repos.conversations.list({ limit: 50, search: "Karim" }),
      },
      {
        name: "GET /api/conversations?q=Sa (two characters: names that start with them)",
        run: () => repos.conversations.list({ limit: 50, search: "Sa" }),
      },
      {
        name: "GET /api/conversations?q=61234 (phone digits)",
        run: () => repos.conversations.list({ limit: 50, search: "61234" }),
      },
      {
        name: "GET /api/messages/search?q=soudeur (a common word: the client's messages walked newest first)",
        run: () => repos.messages.search("soudeur", { limit: 20 }),
      },
      {
        name: "GET /api/messages/search?q=plombier (no match: the trigram index on search_text)",
        run: () => repos.messages.search("plombier", { limit: 20 }),
      },
      {
        name: "GET /api/messages/search?q=so (two characters: words that start with them)",
        run: () => repos.messages.search("so", { limit: 20 }),
      },
      {
        name: "GET /api/messages/:conversationId/search?q=soudeur (find in a 5,000-message chat)",
        run: () => repos.messages.searchInConversation(conversationId, "soudeur", 501),
      },
      {
        name: "GET /api/messages/:conversationId (first page, 5,000-message chat)",
        run: () => repos.messages.listByConversation(conversationId, 50),
      },
    ];
    const report: string[] = [];
    for (const testCase of cases) {
      captured.length = 0;
      await testCase.run();
      const query = captured.at(-1)!;
      const explained = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`, query.params);
      const lines = explained.rows.map((r: Record<string, string>) => r["QUERY PLAN"] ?? "");
      const time = Number(/Execution Time: ([\d.]+)/.exec(lines.join("\n"))?.[1] ?? Number.NaN);
      const seqScans = lines.filter((l) => /Seq Scan on (messages|conversations|contacts)/.test(l));
      console.log(
        `  ${testCase.name}: ${fmt(time, 2)} ms${seqScans.length > 0 ? ` (${seqScans.join("; ").trim()})` : ""}`,
      );
      report.push(`### ${testCase.name}\n\n${query.sql}\n\n${lines.join("\n")}\n`);
      row(
        "query plans",
        testCase.name,
        `${fmt(time, 2)} ms`,
        "",
        seqScans.length > 0 ? "sequential scan" : "index",
      );
    }
    const file = process.env.BENCH_PLANS_FILE ?? "/tmp/lj-bench-query-plans.md";
    writeFileSync(file, report.join("\n"));
    console.log(`  full plans written to ${file}`);
  } finally {
    await pool.end();
  }
}
