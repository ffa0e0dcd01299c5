import { isWindowOpen, windowExpiry } from "../../../contracts/conversation-window";
import type {
  BudgetStatus,
  BudgetsResponse,
  CostGroup,
  CostRow,
  CostsQuery,
  CostsResponse,
  QuoteResponse,
  SetBudgetBody,
} from "../../../contracts/costs";
import { ErrorCode } from "../../../contracts/errors";
import { expectedPricingType } from "../../../contracts/meta-charges";
import { AppError, notFound } from "../../platform/errors";
import { recordAudit } from "../audit/audit.service";
import { readBrief } from "../brief-reads";
import type { RequestContext } from "../context";
import { budgetLevel } from "./budget-rules";
import type { GroupFigures } from "./costs.repository";
import { categoryKey, dayOf, marketOf, monthOf, priceMessage, smsPrice } from "./pricing";
import { loadRateCard, today } from "./rate-cards.service";

type Repos = RequestContext["repos"];
const round2 = (n: number) => Math.round(n * 100) / 100;

/** `YYYY-MM` → its first day; this month (Morocco's time) when left out. */
const firstDayOf = (month?: string) => (month ? `${month}-01` : monthOf(new Date()));

/** The `YYYY-MM-01` of the month `delta` months from `first`. */
function shiftMonth(first: string, delta: number): string {
  const [y, m] = first.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

/** The last day of a month, or today for the current month: the day whose SMS price applies. */
function pricingDayOf(first: string): string {
  const now = today();
  const last = dayOf(new Date(Date.parse(`${shiftMonth(first, 1)}T12:00:00Z`) - 86_400_000));
  return [now, last].sort()[0]!;
}

async function defaultMarket(repos: Repos, clientId: string) {
  return (await repos.clients.findById(clientId))?.defaultCountry ?? "MA";
}

async function statusOf(repos: Repos, month: string, userId: string | null): Promise<BudgetStatus> {
  const [budget, spentMad] = await Promise.all([
    repos.costs.findBudget(userId),
    repos.costs.monthSpend(month, userId ?? undefined),
  ]);
  const monthlyMad = budget ? Number(budget.monthlyMad) : null;
  return { monthlyMad, spentMad: round2(spentMad), level: budgetLevel(monthlyMad, spentMad) };
}

async function labelled(repos: Repos, group: CostGroup, groups: GroupFigures[], sms: number) {
  const ids = groups.flatMap((g) => (g.key ? [g.key] : []));
  const labels = await repos.costs.labels(group, ids);
  return groups
    .map(
      (g): CostRow => ({
        key: group === "client" ? null : g.key,
        label: group === "category" ? g.key : g.key ? (labels.get(g.key) ?? null) : null,
        amountMad: round2(g.amountMad),
        billableMessages: g.billable,
        freeMessages: g.free,
        inboundMessages: g.inbound,
        smsCostMad: round2((g.billable + g.free + g.inbound) * sms),
      }),
    )
    .sort((a, b) => b.amountMad - a.amountMad || b.smsCostMad - a.smsCostMad);
}

/**
 * A month's costs grouped one way, its total, the twelve months up to it and the client's budget:
 * every figure read from the monthly rollups, so the answer takes a few small queries whatever the
 * client's volume.
 */
export async function getCosts(ctx: RequestContext, query: CostsQuery): Promise<CostsResponse> {
  const month = firstDayOf(query.month);
  const from = shiftMonth(month, -11);
  // Independent reads go together: the page answers in three round trips, not nine.
  const [market, groups, past, budget] = await Promise.all([
    defaultMarket(ctx.repos, ctx.clientId),
    ctx.repos.costs.monthBy(month, query.groupBy),
    ctx.repos.costs.months(from, month),
    statusOf(ctx.repos, month, null),
  ]);
  const card = await loadRateCard(ctx.deps.database.db, [market]);
  const sms = smsPrice(card, market, pricingDayOf(month));
  const rows = await labelled(ctx.repos, query.groupBy, groups, sms);
  const sum = (pick: (r: CostRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
  const known = new Map(past.map((m) => [m.month, m]));
  const history = Array.from({ length: 12 }, (_, i) => {
    const first = shiftMonth(from, i);
    const found = known.get(first);
    const smsThen = smsPrice(card, market, pricingDayOf(first));
    return {
      month: first.slice(0, 7),
      amountMad: round2(found?.amountMad ?? 0),
      smsCostMad: round2((found?.messages ?? 0) * smsThen),
    };
  });
  return {
    month: month.slice(0, 7),
    groupBy: query.groupBy,
    currency: "MAD",
    smsPriceMad: sms,
    total: {
      amountMad: round2(sum((r) => r.amountMad)),
      billableMessages: sum((r) => r.billableMessages),
      freeMessages: sum((r) => r.freeMessages),
      inboundMessages: sum((r) => r.inboundMessages),
      smsCostMad: round2(sum((r) => r.smsCostMad)),
    },
    rows,
    history,
    budget,
  };
}

const CSV_COLUMNS = [
  "month",
  "group",
  "key",
  "label",
  "amount_mad",
  "billable_messages",
  "free_messages",
  "inbound_messages",
  "sms_cost_mad",
] as const;

/** A cell as spreadsheets read it: quoted when needed, and never a formula (`=`, `+`, `-`, `@` first). */
function cell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The same figures as `getCosts`, one CSV line per group and a total line. */
export async function costsCsv(ctx: RequestContext, query: CostsQuery): Promise<string> {
  const costs = await getCosts(ctx, query);
  const line = (values: (string | number | null)[]) => values.map(cell).join(",");
  const figures = (r: CostsResponse["total"]) => [
    r.amountMad.toFixed(2),
    r.billableMessages,
    r.freeMessages,
    r.inboundMessages,
    r.smsCostMad.toFixed(2),
  ];
  return [
    CSV_COLUMNS.join(","),
    ...costs.rows.map((r) => line([costs.month, costs.groupBy, r.key, r.label, ...figures(r)])),
    line([costs.month, costs.groupBy, "total", null, ...figures(costs.total)]),
  ].join("\r\n");
}

/** The client's budget and each recruiter's, with this month's spend. */
export async function getBudgets(ctx: RequestContext): Promise<BudgetsResponse> {
  const month = monthOf(new Date());
  const users = new Map((await ctx.repos.users.list()).map((u) => [u.id, u.name]));
  const budgets = await ctx.repos.costs.listBudgets();
  const recruiters = [];
  for (const budget of budgets) {
    if (!budget.userId || !users.has(budget.userId)) continue;
    const status = await statusOf(ctx.repos, month, budget.userId);
    recruiters.push({ ...status, userId: budget.userId, name: users.get(budget.userId)! });
  }
  return { month: month.slice(0, 7), client: await statusOf(ctx.repos, month, null), recruiters };
}

/** Sets, raises or removes the client's monthly budget or a recruiter's, and records who did. */
export async function setBudget(ctx: RequestContext, body: SetBudgetBody): Promise<BudgetsResponse> {
  if (body.userId && !(await ctx.repos.users.findById(body.userId))) throw notFound("User");
  const before = await ctx.repos.costs.findBudget(body.userId ?? null);
  await ctx.repos.costs.setBudget(
    body.userId ?? null,
    body.monthlyMad,
    ctx.actor.type === "user" ? ctx.actor.userId : null,
  );
  await recordAudit(
    ctx,
    "budget.set",
    { type: body.userId ? "user" : "client", id: body.userId ?? ctx.clientId },
    { from: before ? Number(before.monthlyMad) : null, to: body.monthlyMad },
  );
  return getBudgets(ctx);
}

/**
 * Refuses what would spend past a budget this month: the client's, and the sender's own when they
 * have one. `addedMad` is what the send or campaign will cost (0 for a single message, refused only
 * once the month is spent).
 *
 * @throws `budget_exceeded` with the spend and the budget, for the dashboard to offer a raise.
 */
export async function assertWithinBudget(ctx: RequestContext, addedMad: number): Promise<void> {
  const month = monthOf(new Date());
  const scopes: (string | null)[] = [null];
  if (ctx.actor.type === "user") scopes.push(ctx.actor.userId);
  for (const userId of scopes) {
    const budget = await budgetOf(ctx, userId);
    if (!budget) continue;
    const monthlyMad = Number(budget.monthlyMad);
    const spentMad = await ctx.repos.costs.monthSpend(month, userId ?? undefined);
    if (spentMad >= monthlyMad || (addedMad > 0 && spentMad + addedMad > monthlyMad)) {
      throw new AppError(
        ErrorCode.budgetExceeded,
        userId
          ? `Your monthly budget of ${monthlyMad} MAD is spent (${round2(spentMad)} MAD): an owner can raise it on the costs page`
          : `The monthly budget of ${monthlyMad} MAD is spent (${round2(spentMad)} MAD)${addedMad > 0 ? ` or would be by this ${round2(addedMad)} MAD` : ""}: an owner can raise it on the costs page`,
        {
          scope: userId ? "recruiter" : "client",
          monthlyMad,
          spentMad: round2(spentMad),
          addedMad: round2(addedMad),
        },
      );
    }
  }
}

/** A budget's setting (null: none), from this process's last second (`briefReads`); never its spend. */
function budgetOf(ctx: RequestContext, userId: string | null) {
  return readBrief(
    ctx,
    ["budget", userId ?? "client"],
    async () => (await ctx.repos.costs.findBudget(userId)) ?? null,
  );
}

/** What templates of a category sent now to these candidates cost, by the ledger's pricing. */
export async function priceTemplateSends(
  ctx: RequestContext,
  category: string,
  recipients: { phone: string; isWindowOpen: boolean; market?: string }[],
) {
  const markets = recipients.map((r) => r.market ?? marketOf(r.phone));
  const card = await loadRateCard(ctx.deps.database.db, [...new Set(markets)]);
  const day = today();
  return recipients.map((r, i) => {
    const pricingType = expectedPricingType(category, r.isWindowOpen, day);
    const price = priceMessage(card, {
      market: markets[i]!,
      category: categoryKey(category),
      pricingType,
      day,
    });
    // Billable when Meta charges the type, or when the card prices a type Meta labels free.
    return {
      market: markets[i]!,
      pricingType,
      isBillable: pricingType === "regular" || price.amountMad > 0,
      ...price,
    };
  });
}

/** A charged template of a category sent today to the client's own market (its country's numbers). */
export async function unitPrice(ctx: RequestContext, category: string): Promise<number> {
  const market = await defaultMarket(ctx.repos, ctx.clientId);
  const card = await loadRateCard(ctx.deps.database.db, [market]);
  return priceMessage(card, { market, category: categoryKey(category), pricingType: "regular", day: today() })
    .amountMad;
}

/** The SMS price (each way) today for the client's market. */
export async function smsPriceToday(ctx: RequestContext): Promise<number> {
  const market = await defaultMarket(ctx.repos, ctx.clientId);
  return smsPrice(await loadRateCard(ctx.deps.database.db, [market]), market, today());
}

/** What a template of a category sent now in a conversation will cost, and the budget it draws on. */
export async function quoteSend(
  ctx: RequestContext,
  query: { conversationId?: string | undefined; category: string },
): Promise<QuoteResponse> {
  const [price] = query.conversationId
    ? await priceTemplateSends(ctx, query.category, [await recipientOf(ctx, query.conversationId)])
    : await priceTemplateSends(ctx, query.category, [
        { phone: "", market: await defaultMarket(ctx.repos, ctx.clientId), isWindowOpen: false },
      ]);
  const month = monthOf(new Date());
  const client = await statusOf(ctx.repos, month, null);
  const own = ctx.actor.type === "user" ? await statusOf(ctx.repos, month, ctx.actor.userId) : undefined;
  const worst = own && rank(own.level) > rank(client.level) ? own : client;
  return {
    category: categoryKey(query.category),
    pricingType: price!.pricingType,
    market: price!.market,
    isBillable: price!.isBillable,
    amountMad: price!.amountMad,
    isPriced: price!.isPriced,
    budget: worst,
  };
}

/** Where a send in this conversation would go, and whether its window is open now. */
async function recipientOf(ctx: RequestContext, conversationId: string) {
  const conversation = await ctx.repos.conversations.findById(conversationId);
  if (!conversation) throw notFound("Conversation");
  const phone =
    conversation.contact.phone ?? (conversation.contact.waId ? `+${conversation.contact.waId}` : "");
  return { phone, isWindowOpen: isWindowOpen(windowExpiry(conversation.lastInboundAt), Date.now()) };
}

const rank = (level: BudgetStatus["level"]) => ["none", "ok", "warning", "exceeded"].indexOf(level);
