/**
 * The inbox of one big client (100,000 conversations, 5,000,000 messages at scale 1) through the
 * running product over HTTP (session cookie, as the dashboard calls it): the list's first page in
 * every view with every chip, stage and label, a page deep in the list, the views' counts, the
 * search (list and message results), a chat's first page and the page at a searched message.
 * p50 / p95 / max per case after warm-ups; the mark is p95 < 30 ms.
 *
 * The data is seeded in SQL, set-based and deterministic (spread by `hashint4`, not randomness), so
 * two runs of the same scale measure the same data set. The messages' indexes are dropped while the
 * messages go in and built again after (as a restore would), then everything is analyzed.
 */
import { performance } from "node:perf_hooks";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { CONVERSATION_VIEWS } from "../../src/contracts/conversation-status";
import { ConversationFilter } from "../../src/contracts/conversations";
import { DEFAULT_STAGES } from "../../src/contracts/hiring-stages";
import { provisionClient } from "../../src/server/modules/accounts/provisioning.repository";
import { encodeCursor } from "../../src/server/modules/conversations/cursor";
import type { Db } from "../../src/server/platform/db/client";
import * as schema from "../../src/server/platform/db/schema/index";
import type { Stack } from "./stack";
import { fmt, percentile } from "./support";

type Row = (area: string, metric: string, value: string, ceiling: string, mark: string) => void;

const CALLS = Number(process.env.BENCH_INBOX_CALLS ?? 30);
/** Only these groups' cases (comma-separated: list, counts, search list, message search, chat) and the floor; all when unset. */
const GROUPS = process.env.BENCH_INBOX_GROUPS?.split(",").map((group) => group.trim());
const WARM_UPS = 3;
const MARK_MS = 30;
const RECRUITERS = 7;
const LABELS = 10;
const LONG_CHATS = 5;

const FIRST_NAMES = [
  "Zoé",
  "Hélène",
  "Mohammed",
  "Fatima-Zahra",
  "Aïcha",
  "Jérôme",
  "Saïd",
  "Océane",
  "Youssef",
  "Salma",
  "Karim",
  "Khadija",
  "Hamza",
  "Imane",
  "Noé",
  "Inès",
  "محمد",
  "فاطمة",
  "يوسف",
  "سلمى",
];
const LAST_NAMES = [
  "Benjelloun",
  "El Amrani",
  "Tazi",
  "Alaoui",
  "Bennani",
  "Chraïbi",
  "Lefèvre",
  "Martin",
  "Benali",
  "Idrissi",
  "Naciri",
  "Berrada",
  "Fassi",
  "Ouazzani",
  "Zerhouni",
  "Lahlou",
  "العلوي",
  "بناني",
  "الإدريسي",
  "التازي",
];
/** What candidates and recruiters write (no "plombier" anywhere: the no-match search). */
const PHRASES = [
  "Bonjour, je suis intéressé par le poste de",
  "Bonjour Madame, j'ai vu votre annonce pour",
  "Merci pour votre réponse, je suis disponible lundi",
  "J'ai obtenu mon diplôme de technicien en 2021",
  "Voici mon CV mis à jour",
  "Quel est le salaire proposé pour le poste de",
  "Je travaille actuellement comme",
  "L'entretien est prévu jeudi à 10h à Casablanca",
  "Pouvez-vous me rappeler après 18h ?",
  "Je n'ai pas reçu la confirmation de l'entretien",
  "مرحبا، أنا مهتم بالوظيفة",
  "شكرا جزيلا، سأكون هناك غدا",
  "هل ما زال منصب العمل متاحا؟",
  "Salam, est-ce que le poste à Tanger est toujours disponible ?",
  "D'accord, à demain",
  "Oui bien sûr",
  "Nous avons bien reçu votre candidature pour",
  "Votre profil correspond au poste de",
  "Merci de confirmer votre présence à l'entretien",
  "Le contrat commence le premier du mois, période d'essai de trois mois",
];
const JOBS = [
  "technicien",
  "comptable",
  "chauffeur",
  "infirmière",
  "commercial",
  "soudeur",
  "caissière",
  "magasinier",
  "électricien",
  "réceptionniste",
  "développeur",
  "opérateur de saisie",
  "agent de sécurité",
  "pâtissier",
];

const sqlArray = (values: string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]`;

interface Seeded {
  clientId: string;
  ownerId: string;
  stageIds: string[];
  labelIds: string[];
  longChatId: string;
  ordinaryChatId: string;
  /** The phone of a contact in the middle of the list, as a recruiter types it (0 6…). */
  localPhone: string;
  phonePiece: string;
  fileNameSearch: string;
}

async function seed(db: pg.PoolClient, clientId: string, ownerId: string, scale: number): Promise<void> {
  const conversationCount = Math.max(2_000, Math.round(100_000 * scale));
  const messageCount = Math.max(100_000, Math.round(5_000_000 * scale));
  const longChatMessages = Math.max(2_000, Math.round(20_000 * scale));
  const step = async (what: string, text: string, params: unknown[] = []) => {
    const started = performance.now();
    const result = await db.query(text, params);
    console.log(`  ${what}: ${fmt((performance.now() - started) / 1000, 1)} s`);
    return result;
  };
  await db.query("set maintenance_work_mem = '512MB'");
  const connections = await db.query(
    `insert into whatsapp_connections (client_id, state, waba_id, phone_number_id, display_phone_number)
     select $1, 'active', 'inbox-waba-' || i, 'inbox-number-' || i, '+212 5 22 00 00 0' || i
     from generate_series(1, 2) i returning id`,
    [clientId],
  );
  const connectionIds = connections.rows.map((r) => r.id as string);
  const users = await db.query(
    `insert into users (client_id, email, name, role, password_hash)
     select $1, 'recruteur' || i || '@inbox.bench', 'Recruteur ' || i, 'recruiter', 'x'
     from generate_series(1, $2::int) i returning id`,
    [clientId, RECRUITERS],
  );
  const userIds = [ownerId, ...users.rows.map((r) => r.id as string)];
  const stages = await db.query("select id from hiring_stages where client_id = $1 order by position", [
    clientId,
  ]);
  const stageIds = stages.rows.map((r) => r.id as string);
  if (stageIds.length !== DEFAULT_STAGES.length) throw new Error("the client's stages were not seeded");
  const labels = await db.query(
    `insert into labels (client_id, name, color)
     select $1, 'Étiquette ' || i, (array['gray','blue','teal','green','amber','orange','red','purple','pink'])[1 + i % 9]
     from generate_series(1, $2::int) i returning id`,
    [clientId, LABELS],
  );
  const labelIds = labels.rows.map((r) => r.id as string);
  const campaigns = await db.query(
    `insert into campaigns (client_id, connection_id, name, template_name, template_language, category,
                            recipient_count, estimated_cost_mad)
     select $1, $2, 'Campagne ' || i, 'job_opportunity', 'fr', 'MARKETING', 1000, 200
     from generate_series(1, 3) i returning id`,
    [clientId, connectionIds[0]],
  );
  const campaignIds = campaigns.rows.map((r) => r.id as string);

  await step(
    `${fmt(conversationCount)} contacts`,
    `insert into contacts (client_id, wa_id, phone, profile_name, name, username, opted_out_at, created_at)
     select $1, '2126' || lpad(n::text, 8, '0'), '+2126' || lpad(n::text, 8, '0'),
            (${sqlArray(FIRST_NAMES)})[1 + abs(hashint4(n)) % ${FIRST_NAMES.length}],
            case when n % 3 <> 0 then (${sqlArray(FIRST_NAMES)})[1 + abs(hashint4(n)) % ${FIRST_NAMES.length}]
              || ' ' || (${sqlArray(LAST_NAMES)})[1 + abs(hashint4(n + 7)) % ${LAST_NAMES.length}] end,
            case when n % 97 = 0 then 'candidat.' || n end,
            case when n % 200 = 0 then now() - interval '3 days' end,
            now() - n * interval '5 minutes'
     from generate_series(1, $2::int) n`,
    [clientId, conversationCount],
  );
  // One chat per contact, the n-th most recent n × 5 minutes ago; every trait spread by its own hash.
  await step(
    `${fmt(conversationCount)} conversations`,
    `insert into conversations (client_id, connection_id, contact_id, last_message_at, last_inbound_at,
                                last_message_preview, last_message_direction, unread_count, is_marked_unread,
                                is_awaiting_reply, assignee_id, campaign_id, archived_at, status, snoozed_until,
                                status_changed_at, stage_id)
     select $1, ($2::uuid[])[1 + (h.a % 10 = 0)::int], c.id, c.at,
            case when h.h % 40 = 0 then null else c.at - (h.b % 3) * interval '1 hour' end,
            'Bonjour, je suis intéressé par le poste', case when h.b % 2 = 0 then 'inbound' else 'outbound' end,
            case when h.c % 100 < 12 then 1 + h.c % 5 else 0 end, h.c % 100 = 99,
            h.b % 4 = 0, case when h.d % 10 < 3 then null else ($3::uuid[])[1 + h.d % ${userIds.length}] end,
            case when h.h % 20 = 0 then ($4::uuid[])[1 + h.h % 3] end,
            case when h.e % 100 < 5 then c.at + interval '1 hour' end,
            case when h.a % 100 < 40 then 'open' when h.a % 100 < 60 then 'waiting'
                 when h.a % 100 < 90 then 'resolved' else 'snoozed' end,
            case when h.a % 100 >= 90 then now() + (1 + h.a % 14) * interval '1 day' end,
            c.at,
            case when h.f % 10 < 6 then ($5::uuid[])[1 + h.f % ${stageIds.length}] end
     from (select id, created_at as at, row_number() over (order by created_at desc) as n
           from contacts where client_id = $1) c,
          lateral (select abs(hashint4(c.n::int)) as a, abs(hashint4(c.n::int + 1000003)) as b,
                          abs(hashint4(c.n::int + 2000003)) as c, abs(hashint4(c.n::int + 3000017)) as d,
                          abs(hashint4(c.n::int + 4000037)) as e, abs(hashint4(c.n::int + 5000011)) as f,
                          abs(hashint4(c.n::int + 6000101)) as h) h`,
    [clientId, connectionIds, userIds, campaignIds, stageIds],
  );
  await step(
    "labels on 30 % of the chats",
    `insert into conversation_labels (client_id, conversation_id, label_id)
     select $1, id, ($2::uuid[])[1 + abs(hashint4(k)) % ${LABELS}]
     from (select id, row_number() over (order by id) :: int as k from conversations where client_id = $1) c
     where abs(hashint4(k + 77)) % 10 < 3
     union all
     select $1, id, ($2::uuid[])[1 + (abs(hashint4(k)) + 1) % ${LABELS}]
     from (select id, row_number() over (order by id) :: int as k from conversations where client_id = $1) c
     where abs(hashint4(k + 77)) % 20 = 0`,
    [clientId, labelIds],
  );
  // The owner (the bench's user) pins five chats, as a recruiter does.
  await db.query(
    `insert into conversation_preferences (client_id, user_id, conversation_id, pinned_at)
     select $1, $2, id, now() from conversations where client_id = $1 order by id limit 5`,
    [clientId, ownerId],
  );
  await db.query(
    `create temp table inbox_chats as
     select id, last_message_at as at, row_number() over (order by last_message_at desc, id desc) - 1 as n
     from conversations where client_id = $1`,
    [clientId],
  );
  await db.query("create index on inbox_chats (n); analyze inbox_chats");
  const long = await db.query("select id from inbox_chats where n in (10, 200, 1500, 1800, 1900) order by n");
  const longIds = long.rows.map((r) => r.id as string);

  // The messages' indexes go while the rows go in (one build each is far cheaper than 5M inserts
  // into a trigram index), then come back with their own definitions.
  const indexes = await db.query(
    `select indexname, indexdef from pg_indexes
     where schemaname = 'public' and tablename = 'messages' and indexname <> 'messages_pkey'`,
  );
  for (const index of indexes.rows) await db.query(`drop index "${index.indexname}"`);
  const document = `jsonb_build_object('content', jsonb_build_object('type', 'document', 'media',
      jsonb_build_object('id', null, 'mimeType', 'application/pdf', 'caption', null, 'sizeBytes', 182044,
        'status', 'stored', 'filename', 'CV_' || replace((${sqlArray(LAST_NAMES)})[1 + abs(hashint4(m.i)) % ${LAST_NAMES.length}], ' ', '_') || '_' || (m.i % 1000) || '.pdf')))`;
  const text = `(${sqlArray(PHRASES)})[1 + abs(hashint4(m.i)) % ${PHRASES.length}] || ' ' || (${sqlArray(JOBS)})[1 + abs(hashint4(m.i + 9)) % ${JOBS.length}]`;
  const insertMessages = (source: string) =>
    `insert into messages (client_id, conversation_id, direction, wamid, type, content, text, status, occurred_at)
     select $1, m.conversation_id, case when m.i % 2 = 0 then 'inbound' else 'outbound' end, 'wamid.inbox.' || m.i,
            case when m.i % 20 = 7 then 'document' else 'text' end,
            case when m.i % 20 = 7 then ${document}
                 else jsonb_build_object('content', jsonb_build_object('type', 'text', 'body', ${text})) end,
            case when m.i % 20 = 7 then null else ${text} end,
            case when m.i % 2 = 0 then 'received' else 'read' end, m.at
     from (${source}) m`;
  const regular = messageCount - LONG_CHATS * longChatMessages;
  // The k-th message of a chat (newest first) k × 7 minutes before its last one.
  await step(
    `${fmt(regular)} messages over the chats`,
    insertMessages(`select i, c.id as conversation_id, c.at - (i / $3::int) * interval '7 minutes' as at
       from generate_series(0, $2::int - 1) i join inbox_chats c on c.n = i % $3::int`),
    [clientId, regular, conversationCount],
  );
  await step(
    `${LONG_CHATS} long chats of ${fmt(longChatMessages)} messages`,
    insertMessages(`select $2::int + i as i, c.id as conversation_id, c.at - (i / ${LONG_CHATS}) * interval '1 minute' as at
       from generate_series(0, $3::int - 1) i join inbox_chats c on c.id = ($4::uuid[])[1 + i % ${LONG_CHATS}]`),
    [clientId, regular, LONG_CHATS * longChatMessages, longIds],
  );
  for (const index of indexes.rows) await step(`index ${index.indexname}`, index.indexdef);
  await step(
    "analyze",
    "analyze contacts; analyze conversations; analyze conversation_labels; analyze messages",
  );
}

/** What the cases need from the seeded data, read back (the same whether seeded now or kept). */
async function describe(db: pg.Pool, clientId: string, ownerId: string): Promise<Seeded> {
  const ids = async (text: string) =>
    (await db.query(text, [clientId])).rows.map((r: { id: string }) => r.id);
  const chats = (
    await db.query("select count(*)::int as n from conversations where client_id = $1", [clientId])
  ).rows[0].n as number;
  const middle = Math.floor(chats / 2);
  const nth = async (n: number) =>
    (
      await db.query(
        "select id from conversations where client_id = $1 order by last_message_at desc, id desc offset $2 limit 1",
        [clientId, n],
      )
    ).rows[0].id as string;
  return {
    clientId,
    ownerId,
    stageIds: await ids("select id from hiring_stages where client_id = $1 order by position"),
    labelIds: await ids("select id from labels where client_id = $1 order by name"),
    longChatId: await nth(10),
    ordinaryChatId: await nth(Math.min(5_000, middle)),
    localPhone: `06${String(middle).padStart(8, "0")}`,
    phonePiece: String(middle).padStart(5, "0").slice(-5),
    fileNameSearch: "CV_Tazi_4",
  };
}

interface Case {
  group: string;
  name: string;
  path: string;
}

function casesOf(data: Seeded, deepCursor: string, searchedCursor: string): Case[] {
  // Every view and chip the API knows ("" = none), so a new one is measured without touching this.
  const views = ["", ...CONVERSATION_VIEWS];
  const chips = ["", ...ConversationFilter.options];
  const query = (params: Record<string, string>) => {
    const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== ""));
    return q.toString();
  };
  const stage = data.stageIds[1]!;
  const label = data.labelIds[2]!;
  // The floor: an authenticated call that reads one row, so the table shows what the machine's load
  // alone costs a request at that moment.
  const cases: Case[] = [
    { group: "floor", name: "GET /api/auth/session (the session and its user)", path: "/api/auth/session" },
  ];
  for (const view of views) {
    for (const filter of chips)
      cases.push({
        group: "list",
        name: `view=${view || "all"} ${filter ? `filter=${filter}` : ""}`.trim(),
        path: `/api/conversations?${query({ limit: "50", view, filter })}`,
      });
    for (const [what, extra] of [
      ["stage", { stage }],
      ["label", { label }],
      ["stage+unread", { stage, filter: "unread" }],
      ["label+unread", { label, filter: "unread" }],
      ["stage+label", { stage, label }],
    ] as const)
      cases.push({
        group: "list",
        name: `view=${view || "all"} ${what}`,
        path: `/api/conversations?${query({ limit: "50", view, ...extra })}`,
      });
  }
  cases.push({
    group: "list",
    name: "all, a page deep in the list (cursor at the middle)",
    path: `/api/conversations?limit=50&cursor=${deepCursor}`,
  });
  for (const [name, params] of [
    ["none", {}],
    ["filter=unread", { filter: "unread" }],
    ["filter=awaiting_reply", { filter: "awaiting_reply" }],
    ["filter=window_open", { filter: "window_open" }],
    ["filter=window_closed", { filter: "window_closed" }],
    ["filter=assigned_to_me", { filter: "assigned_to_me" }],
    ["filter=opted_out", { filter: "opted_out" }],
    ["view=mine", { view: "mine" }],
    ["view=resolved&filter=unread", { view: "resolved", filter: "unread" }],
    ["stage", { stage }],
    ["label", { label }],
    ["view=open&stage&label&filter=unread", { view: "open", stage, label, filter: "unread" }],
  ] as const)
    cases.push({ group: "counts", name, path: `/api/conversations/counts?${query(params)}` });
  const searches: [string, string][] = [
    ["a name (Benjelloun)", "Benjelloun"],
    ["a name typed without accents (chraibi)", "chraibi"],
    [`phone, local (${data.localPhone})`, data.localPhone],
    [`phone digits (${data.phonePiece})`, data.phonePiece],
    ["2-character start (Sa)", "Sa"],
    ["accented word typed without accents (diplome)", "diplome"],
    ["common word (bonjour)", "bonjour"],
    ["no match (plombier)", "plombier"],
    [`file name (${data.fileNameSearch})`, data.fileNameSearch],
  ];
  for (const [name, q] of searches) {
    cases.push({ group: "search list", name, path: `/api/conversations?${query({ limit: "50", q })}` });
    cases.push({
      group: "search list",
      name: `${name}, view=open`,
      path: `/api/conversations?${query({ limit: "50", q, view: "open" })}`,
    });
  }
  for (const [name, q] of searches)
    cases.push({ group: "message search", name, path: `/api/messages/search?${query({ limit: "20", q })}` });
  cases.push(
    {
      group: "chat",
      name: "first page, ordinary chat",
      path: `/api/messages/${data.ordinaryChatId}?limit=50`,
    },
    { group: "chat", name: "first page, long chat", path: `/api/messages/${data.longChatId}?limit=50` },
    {
      group: "chat",
      name: "page at a searched message (long chat, cursor)",
      path: `/api/messages/${data.longChatId}?limit=50&cursor=${searchedCursor}`,
    },
    {
      group: "chat",
      name: "find in chat (long chat, diplome)",
      path: `/api/messages/${data.longChatId}/search?q=diplome`,
    },
  );
  return cases;
}

/**
 * BENCH_INBOX_EXPLAIN_MS: the product's statements slower than this are logged with their plans
 * (`auto_explain`, row counts without per-node timing) in the PostgreSQL server's log; the product
 * restarts so its connections load it. Off by default: the figures are measured without it.
 */
async function explainSlowQueries(stack: Stack): Promise<void> {
  const ms = Number(process.env.BENCH_INBOX_EXPLAIN_MS ?? 0);
  const database = new URL(stack.databaseUrl).pathname.slice(1);
  if (!ms) {
    await stack.admin.query(`alter database ${database} reset all`);
    return;
  }
  for (const setting of [
    "session_preload_libraries = 'auto_explain'",
    `auto_explain.log_min_duration = ${ms}`,
    "auto_explain.log_analyze = on",
    "auto_explain.log_timing = off",
    "auto_explain.log_buffers = on",
  ])
    await stack.admin.query(`alter database ${database} set ${setting}`);
  await stack.restartProduct();
  console.log(`  statements over ${ms} ms are logged with their plans in the PostgreSQL server's log`);
}

async function login(appUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${appUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 200 || !cookie) throw new Error(`login: ${response.status}`);
  return cookie;
}

export async function runInboxScaleBench(stack: Stack, row: Row, scale: number): Promise<void> {
  console.log(`\n== Inbox at scale ${scale} (one client; 100,000 conversations, 5,000,000 messages at 1)`);
  const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 2 });
  try {
    const db = drizzle(pool, { schema }) as unknown as Db;
    const password = "bench-password-123";
    const email = "inbox@bench.test";
    // A kept database (BENCH_KEEP_DATABASE) already holds the client: measured again as it is.
    const existing = await pool.query("select id, client_id from users where email = $1", [email]);
    let clientId: string;
    let ownerId: string;
    if (existing.rowCount) {
      ({ id: ownerId, client_id: clientId } = existing.rows[0]);
      console.log("  the client seeded by an earlier run is measured again (kept database)");
    } else {
      const { client, owner } = await provisionClient(db, {
        name: "Inbox agency",
        owner: { email, name: "Inbox", password },
      });
      [clientId, ownerId] = [client.id, owner.id];
      const seeding = performance.now();
      const connection = await pool.connect();
      try {
        await seed(connection, clientId, ownerId, scale);
      } finally {
        connection.release();
      }
      const seedSeconds = (performance.now() - seeding) / 1000;
      console.log(`  seeded in ${fmt(seedSeconds, 1)} s`);
      row("inbox", "seed time", `${fmt(seedSeconds)} s`, "", "");
    }
    const data = await describe(pool, clientId, ownerId);
    const sizes = await pool.query(
      `select (select count(*) from conversations where client_id = $1)::int as conversations,
              (select count(*) from messages where client_id = $1)::int as messages,
              pg_size_pretty(pg_total_relation_size('messages')) as messages_size`,
      [clientId],
    );
    console.log(
      `  ${fmt(sizes.rows[0].conversations)} conversations, ${fmt(sizes.rows[0].messages)} messages (messages with their indexes: ${sizes.rows[0].messages_size})`,
    );
    await explainSlowQueries(stack);

    const deep = await pool.query(
      `select id, last_message_at from conversations where client_id = $1 and archived_at is null
       and last_message_at is not null order by last_message_at desc, id desc offset $2 limit 1`,
      [clientId, Math.floor(sizes.rows[0].conversations / 2)],
    );
    // A match of the find-in-chat search well back in the long chat (its 200th, or its middle one).
    const searched = await pool.query(
      `select id, occurred_at from (
         select id, occurred_at, row_number() over (order by occurred_at desc, id desc) as k,
                count(*) over () as matches
         from messages where client_id = $1 and conversation_id = $2 and search_text like '%diplome%') m
       where k = least(200, matches / 2 + 1)`,
      [clientId, data.longChatId],
    );
    const cursorOf = (at: Date, id: string) => encodeCursor(at, id);
    const cases = casesOf(
      data,
      cursorOf(deep.rows[0].last_message_at, deep.rows[0].id),
      cursorOf(searched.rows[0].occurred_at, searched.rows[0].id),
    );

    const cookie = await login(stack.appUrl, email, password);
    const results: string[][] = [];
    let missed = 0;
    const measured = cases.filter((c) => !GROUPS || c.group === "floor" || GROUPS.includes(c.group));
    // One unmeasured call of every case first: a product just started compiles its code paths on
    // their first calls (the first case measured used to pay for the whole server's warming up);
    // a server in use has long done so.
    for (const testCase of measured)
      await fetch(`${stack.appUrl}${testCase.path}`, { headers: { cookie } }).then((r) => r.text());
    for (const testCase of measured) {
      const timings: number[] = [];
      let size = 0;
      for (let i = 0; i < WARM_UPS + CALLS; i++) {
        const started = performance.now();
        const response = await fetch(`${stack.appUrl}${testCase.path}`, { headers: { cookie } });
        const body = await response.text();
        const elapsed = performance.now() - started;
        if (response.status !== 200)
          throw new Error(`${testCase.path}: ${response.status} ${body.slice(0, 300)}`);
        if (i >= WARM_UPS) timings.push(elapsed);
        size = body.length;
      }
      const [p50, p95, max] = [percentile(timings, 50), percentile(timings, 95), percentile(timings, 100)];
      const ok = p95 < MARK_MS;
      if (!ok) missed += 1;
      results.push([
        testCase.group,
        testCase.name,
        fmt(p50, 1),
        fmt(p95, 1),
        fmt(max, 1),
        `${fmt(size / 1024, 1)} KiB`,
        ok ? "ok" : "MISSED",
      ]);
      console.log(
        `  ${testCase.group} · ${testCase.name}: p50 ${fmt(p50, 1)} ms, p95 ${fmt(p95, 1)} ms, max ${fmt(max, 1)} ms${ok ? "" : "  ← MISSED"}`,
      );
    }
    console.log(`\n| group | case | p50 ms | p95 ms | max ms | response | p95 < ${MARK_MS} ms |`);
    console.log("|---|---|---|---|---|---|---|");
    for (const result of results) console.log(`| ${result.join(" | ")} |`);
    row(
      "inbox",
      `cases with p95 < ${MARK_MS} ms (${CALLS} calls each after ${WARM_UPS} warm-ups)`,
      `${results.length - missed} of ${results.length}`,
      `< ${MARK_MS} ms`,
      missed === 0 ? "✓" : `✗ ${missed} missed`,
    );
  } finally {
    await pool.end();
  }
}
