import { groupBy } from "../../platform/collections";
import type { Db } from "../../platform/db/client";
import { event, type PendingEvent } from "../../platform/events/domain-events";
import type { MessageRow } from "../messaging/messages.repository";
import { type TenantRepositories, tenantRepositories } from "../tenant-repositories";
import { budgetLevel } from "./budget-rules";
import { addToRollupsOfClients, type LedgerRow, type RollupDelta } from "./costs.repository";
import { categoryKey, dayOf, marketOf, marketOfContact, monthOf, priceMessage } from "./pricing";
import { rateCardsRepository } from "./rate-cards.repository";

/** When Meta charges a message: once delivered (a read message was delivered, whatever came first). */
const billedAtOf = (message: MessageRow) => message.deliveredAt ?? message.readAt;

/** A message Meta has priced (its `pricing` seen on some status) and delivered: a ledger entry is due. */
// What the recruiter sends from the WhatsApp Business app (an echo, or its history) is the app's,
// free: Meta charges what the Cloud API sends.
const isDue = (message: MessageRow) =>
  message.direction === "outbound" &&
  message.origin === null &&
  !!message.pricingType &&
  !!message.pricingCategory &&
  !!billedAtOf(message);

const rollupKey = (d: RollupDelta) =>
  [d.month, d.connectionId, d.senderUserId, d.campaignId, d.market, d.category, d.pricingType].join("|");

/** Sums rows per rollup key: one delta row per key and batch. */
function toDeltas(rows: RollupDelta[]): RollupDelta[] {
  const byKey = new Map<string, RollupDelta>();
  for (const row of rows) {
    const key = rollupKey(row);
    const sum = byKey.get(key);
    if (sum) {
      sum.messages += row.messages;
      sum.amountMad = String(Number(sum.amountMad) + Number(row.amountMad));
    } else byKey.set(key, { ...row });
  }
  return [...byKey.values()];
}

/**
 * Records the charge of every message of `changed` that is due and not recorded yet, priced with
 * the rate card of its billing day, and adds it to the month's rollups, in the caller's transaction
 * (the statuses'). The ledger's unique message id makes it once per message whatever Meta re-sends
 * or reorders. Returns the budget notices the new charges cause.
 */
export async function recordCharges(
  tx: Db,
  clientId: string,
  changed: MessageRow[],
): Promise<PendingEvent[]> {
  const due = changed.filter(isDue);
  if (due.length === 0) return [];
  const repos = tenantRepositories(tx, clientId);
  const context = new Map(
    (await repos.costs.chargeContext(due.map((m) => m.id))).map((c) => [c.messageId, c]),
  );
  const marketOfMessage = new Map(
    due.map((m) => {
      const c = context.get(m.id);
      return [m.id, c ? marketOfContact(c) : marketOf(null)];
    }),
  );
  const card = await rateCardsRepository(tx).load([...new Set(marketOfMessage.values())]);
  const inserted = await repos.costs.insertCharges(
    due.map((message) => {
      const billedAt = billedAtOf(message)!;
      const c = context.get(message.id);
      const market = marketOfMessage.get(message.id)!;
      const category = categoryKey(message.pricingCategory!);
      const price = priceMessage(card, {
        market,
        category,
        pricingType: message.pricingType!,
        day: dayOf(billedAt),
      });
      return {
        messageId: message.id,
        connectionId: c?.connectionId ?? null,
        conversationId: message.conversationId,
        senderUserId: message.senderUserId,
        campaignId: c?.campaignId ?? null,
        market,
        category,
        pricingType: message.pricingType!,
        amountMad: String(price.amountMad),
        rateCardId: price.rateCardId,
        billedAt,
        month: monthOf(billedAt),
      };
    }),
  );
  if (inserted.length === 0) return [];
  await repos.costs.addToRollups(toDeltas(inserted.map(deltaOf)));
  return budgetNotices(repos, inserted);
}

function deltaOf(row: LedgerRow): RollupDelta {
  return {
    month: row.month,
    connectionId: row.connectionId,
    senderUserId: row.senderUserId,
    campaignId: row.campaignId,
    market: row.market,
    category: row.category,
    pricingType: row.pricingType,
    messages: 1,
    amountMad: row.amountMad,
  };
}

/** The rate card's key of a LinkoJob number's monthly fee (`*`, `virtual_number`, `monthly`). */
export const VIRTUAL_NUMBER_FEE = {
  market: "*",
  category: "virtual_number",
  pricingType: "monthly",
} as const;

/** A LinkoJob number's monthly fee on the rate card of `at`'s day, in MAD (what a client is told before taking one). */
export async function quoteVirtualNumberFee(db: Db, at = new Date()): Promise<number> {
  const card = await rateCardsRepository(db).load([VIRTUAL_NUMBER_FEE.market]);
  return priceMessage(card, { ...VIRTUAL_NUMBER_FEE, day: dayOf(at) }).amountMad;
}

/**
 * Records a LinkoJob number's fee for the month of `at` (Morocco's time), the whole month whatever
 * the day: once per client, number and month (a second call adds nothing), priced with the rate
 * card of that day, and added to the month's rollups (no message counted). Returns whether it was added.
 */
export async function recordVirtualNumberFee(
  tx: Db,
  clientId: string,
  fee: { virtualNumberId: string; connectionId: string | null; at: Date },
): Promise<boolean> {
  const repos = tenantRepositories(tx, clientId);
  const card = await rateCardsRepository(tx).load([VIRTUAL_NUMBER_FEE.market]);
  const price = priceMessage(card, { ...VIRTUAL_NUMBER_FEE, day: dayOf(fee.at) });
  const month = monthOf(fee.at);
  const added = await repos.costs.insertFee({
    virtualNumberId: fee.virtualNumberId,
    connectionId: fee.connectionId,
    conversationId: null,
    senderUserId: null,
    campaignId: null,
    ...VIRTUAL_NUMBER_FEE,
    amountMad: String(price.amountMad),
    rateCardId: price.rateCardId,
    billedAt: fee.at,
    month,
  });
  if (!added) return false;
  await repos.costs.addToRollups([{ ...deltaOf(added), messages: 0 }]);
  return true;
}

/**
 * Counts newly stored inbound messages in their clients' month rollups (no charge: WhatsApp does
 * not charge them, but SMS would), in the inbound batch's transaction: every client's in one insert,
 * each row its own client's.
 */
export async function countInbound(
  tx: Db,
  received: { clientId: string; connectionId: string; occurredAt: Date; waId: string | null }[],
): Promise<void> {
  const byClient = groupBy(received, (r) => r.clientId);
  await addToRollupsOfClients(
    tx,
    [...byClient].map(([clientId, ofClient]) => ({
      clientId,
      deltas: toDeltas(
        ofClient.map((r) => ({
          month: monthOf(r.occurredAt),
          connectionId: r.connectionId,
          senderUserId: null,
          campaignId: null,
          market: marketOf(r.waId),
          category: "inbound",
          pricingType: "inbound",
          messages: 1,
          amountMad: "0",
        })),
      ),
    })),
  );
}

/**
 * A notice for each budget (the client's, a recruiter's) these charges took past 80 % or 100 % of
 * its month: the spend before them is the spend after minus what they added, so each threshold is
 * announced once, by the batch that crossed it.
 */
async function budgetNotices(repos: TenantRepositories, added: LedgerRow[]): Promise<PendingEvent[]> {
  const budgets = await repos.costs.listBudgets();
  if (budgets.length === 0) return [];
  const notices: PendingEvent[] = [];
  let locked = false;
  const months = [...new Set(added.map((row) => row.month))];
  for (const month of months) {
    const ofMonth = added.filter((row) => row.month === month);
    for (const budget of budgets) {
      const mine = budget.userId ? ofMonth.filter((row) => row.senderUserId === budget.userId) : ofMonth;
      const addedMad = mine.reduce((sum, row) => sum + Number(row.amountMad), 0);
      if (addedMad <= 0) continue;
      // Held to the commit: a concurrent batch of the client reads its spend after this one's
      // charges, so a threshold two batches cross together is announced once, by the second.
      if (!locked) await repos.costs.lockBudgetReads();
      locked = true;
      const after = await repos.costs.monthSpend(month, budget.userId ?? undefined);
      const monthlyMad = Number(budget.monthlyMad);
      const levelAfter = budgetLevel(monthlyMad, after);
      if (levelAfter === budgetLevel(monthlyMad, after - addedMad)) continue;
      if (levelAfter !== "warning" && levelAfter !== "exceeded") continue;
      notices.push(
        event("budget:crossed", {
          month: month.slice(0, 7),
          userId: budget.userId,
          level: levelAfter,
          spentMad: Math.round(after * 100) / 100,
          monthlyMad,
        }),
      );
    }
  }
  return notices;
}
