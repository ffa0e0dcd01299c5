/**
 * The costs page for one client with a million ledger rows: `GET /api/costs` through the running
 * product (HTTP, session cookie, every group), p50/p95 over repeated calls, beside the same month
 * summed straight from the ledger (what the page would cost without the monthly rollups). The
 * ledger is seeded in SQL; its rollups are built by the same grouping the product keeps in the
 * statuses' transaction, and checked against the ledger before measuring.
 */
import { performance } from "node:perf_hooks";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { provisionClient } from "../../src/server/modules/accounts/provisioning.repository";
import type { Db } from "../../src/server/platform/db/client";
import * as schema from "../../src/server/platform/db/schema/index";
import type { Stack } from "./stack";
import { fmt, percentile } from "./support";

const LEDGER_ROWS = Number(process.env.BENCH_COSTS_ROWS ?? 1_000_000);
const CALLS = Number(process.env.BENCH_COSTS_CALLS ?? 100);
const GROUPS = ["client", "number", "recruiter", "campaign", "category"] as const;

type Row = (area: string, metric: string, value: string, ceiling: string, mark: string) => void;

async function seed(db: pg.PoolClient, clientId: string, ownerId: string) {
  const connections = await db.query(
    `insert into whatsapp_connections (client_id, state, waba_id, phone_number_id, display_phone_number)
     select $1, 'active', 'costs-waba-' || i, 'costs-number-' || i, '+212 5 22 00 00 0' || i
     from generate_series(1, 3) i returning id`,
    [clientId],
  );
  const connectionIds = connections.rows.map((r) => r.id as string);
  const users = await db.query(
    `insert into users (client_id, email, name, role, password_hash)
     select $1, 'recruiter' || i || '@costs.bench', 'Recruteur ' || i, 'recruiter', 'x'
     from generate_series(1, 20) i returning id`,
    [clientId],
  );
  const userIds = [ownerId, ...users.rows.map((r) => r.id as string)];
  const contact = await db.query(
    "insert into contacts (client_id, wa_id, phone) values ($1, '212600000001', '+212600000001') returning id",
    [clientId],
  );
  const conversation = await db.query(
    "insert into conversations (client_id, connection_id, contact_id) values ($1, $2, $3) returning id",
    [clientId, connectionIds[0], contact.rows[0].id],
  );
  const campaigns = await db.query(
    `insert into campaigns (client_id, connection_id, name, template_name, template_language, category,
                            recipient_count, estimated_cost_mad)
     select $1, $2, 'Campagne ' || i, 'job_opportunity', 'fr', 'MARKETING', 1000, 200
     from generate_series(1, 60) i returning id`,
    [clientId, connectionIds[0]],
  );
  const campaignIds = campaigns.rows.map((r) => r.id as string);
  await db.query(
    `insert into messages (client_id, conversation_id, direction, wamid, type, content, status, occurred_at)
     select $1, $2, 'outbound', 'wamid.costs.' || i, 'template', '{}'::jsonb, 'delivered',
            now() - (i % 365) * interval '1 day'
     from generate_series(1, $3::int) i`,
    [clientId, conversation.rows[0].id, LEDGER_ROWS],
  );
  // Twelve months of charges: marketing (priced), utility (half free in the window), authentication;
  // a third from campaigns, each of 21 users, 3 numbers, mostly Moroccan numbers.
  await db.query(
    `insert into cost_ledger (client_id, message_id, connection_id, conversation_id, sender_user_id, campaign_id,
                              market, category, pricing_type, amount_mad, billed_at, month)
     select $1, m.id, ($3::uuid[])[1 + n % 3], $2, ($4::uuid[])[1 + n % 21],
            case when n % 3 = 0 then ($5::uuid[])[1 + n % 60] end,
            case when n % 10 = 0 then 'FR' else 'MA' end,
            (array['marketing','utility','authentication'])[1 + n % 3],
            case when n % 6 = 1 then 'free_customer_service' else 'regular' end,
            case when n % 3 = 0 then 0.2025 when n % 6 = 1 then 0 else 0.036 end,
            m.occurred_at, date_trunc('month', m.occurred_at at time zone 'Africa/Casablanca')::date
     from (select id, occurred_at, row_number() over () as n from messages where client_id = $1) m`,
    [clientId, conversation.rows[0].id, connectionIds, userIds, campaignIds],
  );
  await db.query(
    `insert into cost_rollups (client_id, month, connection_id, sender_user_id, campaign_id, market, category,
                               pricing_type, messages, amount_mad)
     select client_id, month, connection_id, sender_user_id, campaign_id, market, category, pricing_type,
            count(*), sum(amount_mad)
     from cost_ledger where client_id = $1
     group by client_id, month, connection_id, sender_user_id, campaign_id, market, category, pricing_type`,
    [clientId],
  );
  await db.query("analyze cost_ledger; analyze cost_rollups");
  const check = await db.query(
    `select (select sum(amount_mad) from cost_ledger where client_id = $1) as ledger,
            (select sum(amount_mad) from cost_rollups where client_id = $1) as rollups,
            (select count(*) from cost_rollups where client_id = $1)::int as rollup_rows`,
    [clientId],
  );
  const { ledger, rollups, rollup_rows } = check.rows[0];
  if (ledger !== rollups) throw new Error(`rollups ${rollups} ≠ ledger ${ledger}`);
  return { rollupRows: rollup_rows as number };
}

export async function runCostsBench(stack: Stack, row: Row): Promise<void> {
  console.log(`\n== Costs page (${fmt(LEDGER_ROWS)} ledger rows, one client)`);
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  try {
    const db = drizzle(pool, { schema }) as unknown as Db;
    const password = "bench-password-123";
    const { client, owner } = await provisionClient(db, {
      name: "Costs agency",
      owner: { email: "costs@bench.test", name: "Costs", password },
    });
    const seeding = performance.now();
    const connection = await pool.connect();
    let rollupRows: number;
    try {
      ({ rollupRows } = await seed(connection, client.id, owner.id));
    } finally {
      connection.release();
    }
    console.log(
      `seeded in ${fmt((performance.now() - seeding) / 1000)} s; ${fmt(rollupRows)} rollup rows for ${fmt(LEDGER_ROWS)} ledger rows`,
    );
    const login = await fetch(`${stack.appUrl}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "costs@bench.test", password }),
    });
    const cookie = login.headers.get("set-cookie")?.split(";")[0];
    if (login.status !== 200 || !cookie) throw new Error(`login: ${login.status}`);
    const month = new Date().toISOString().slice(0, 7);
    const timings: number[] = [];
    for (let i = 0; i < CALLS + 10; i++) {
      const groupBy = GROUPS[i % GROUPS.length];
      const started = performance.now();
      const response = await fetch(`${stack.appUrl}/api/costs?month=${month}&groupBy=${groupBy}`, {
        headers: { cookie },
      });
      const body = (await response.json()) as { total?: { amountMad: number } };
      if (response.status !== 200 || !body.total) throw new Error(`costs: ${response.status}`);
      if (i >= 10) timings.push(performance.now() - started); // the first ones warm the caches
    }
    const p50 = percentile(timings, 50);
    const p95 = percentile(timings, 95);
    console.log(`GET /api/costs (5 groups in turn, ${CALLS} calls): p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms`);
    row(
      "costs",
      `GET /api/costs p95, ${fmt(LEDGER_ROWS)} ledger rows`,
      `${fmt(p95)} ms`,
      "< 100 ms",
      p95 < 100 ? "✓" : "✗",
    );
    row("costs", "GET /api/costs p50", `${fmt(p50)} ms`, "", "");

    const direct: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await pool.query(
        // All the client's rows (a year here): what one month of a million rows would cost to sum.
        `select category, sum(amount_mad), count(*) from cost_ledger where client_id = $1 group by category`,
        [client.id],
      );
      direct.push(performance.now() - started);
    }
    const directP50 = percentile(direct, 50);
    console.log(
      `${fmt(LEDGER_ROWS)} ledger rows summed per category (no rollups): ${fmt(directP50)} ms (median of 5)`,
    );
    row("costs", `${fmt(LEDGER_ROWS)} ledger rows summed directly, median`, `${fmt(directP50)} ms`, "", "");
  } finally {
    await pool.end();
  }
}
