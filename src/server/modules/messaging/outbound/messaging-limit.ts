import { ErrorCode } from "../../../../contracts/errors";
import { usersOfTier } from "../../../../contracts/messaging-limit";
import { AppError } from "../../../platform/errors";
import type { ConnectionRow } from "../../connections/connections.repository";
import type { ContactRow } from "../../conversations/contacts.repository";
import type { TenantRepositories } from "../../tenant-repositories";

/**
 * Unique users a business portfolio may reach outside the customer-service window in a moving
 * 24 h, by Meta's tier (`whatsapp_business_manager_messaging_limit`, or the webhooks'
 * `max_daily_conversations_per_business`), shared by all the portfolio's numbers. `null`: no
 * limit (unlimited) or none known yet (`TIER_NOT_SET`, never read): Meta then refuses nothing
 * with a documented code either.
 */
export const limitOfTier = usersOfTier;

/** The business portfolio a number's business-initiated sends count in. */
export const portfolioOf = (connection: ConnectionRow) =>
  connection.businessId ?? connection.wabaId ?? connection.id;

/** The identity Meta counts: the user's WhatsApp id, else the number written the international way. */
export const reachedUserOf = (contact: ContactRow) =>
  contact.waId ?? contact.phone?.replace(/^\+/, "") ?? contact.bsuid ?? contact.id;

/** A business-initiated send to count: the number it goes out from and its recipient. */
export interface BusinessInitiatedSend {
  connection: ConnectionRow;
  contact: ContactRow;
}

/**
 * Counts business-initiated sends (templates outside the window) against their portfolios'
 * messaging limits, in the caller's transaction, in the order given: each one past the limit gets
 * `messaging_limit_reached` with when the window rolls (in its place of the answer), the others
 * are counted. A user already reached in the window, or earlier in the list, counts no one new.
 * The count lives in the database (one row per send, each portfolio locked while it is checked,
 * portfolios in one order so two groups never wait for each other), shared by every process.
 */
export async function countBusinessInitiated(
  repos: TenantRepositories,
  sends: BusinessInitiatedSend[],
  windowSeconds: number,
): Promise<(AppError | null)[]> {
  const refusals: (AppError | null)[] = sends.map(() => null);
  const byPortfolio = new Map<string, number[]>();
  for (const [i, send] of sends.entries()) {
    const portfolio = portfolioOf(send.connection);
    byPortfolio.set(portfolio, [...(byPortfolio.get(portfolio) ?? []), i]);
  }
  for (const portfolio of [...byPortfolio.keys()].sort()) {
    const indexes = byPortfolio.get(portfolio)!;
    const users = indexes.map((i) => reachedUserOf(sends[i]!.contact));
    await repos.messagingLimit.lockPortfolio(portfolio);
    const counted: string[] = [];
    const limits = indexes.map((i) => limitOfTier(sends[i]!.connection.messagingLimitTier));
    const usage = limits.every((limit) => limit === null)
      ? null
      : await repos.messagingLimit.usage(portfolio, users, windowSeconds);
    for (const [n, i] of indexes.entries()) {
      const user = users[n]!;
      const limit = limits[n]!;
      if (usage && limit !== null && !usage.alreadyReached.has(user)) {
        if (usage.reached >= limit) {
          const rollsAt = usage.rollsAt ?? new Date(Date.now() + windowSeconds * 1000);
          refusals[i] = new AppError(
            ErrorCode.messagingLimitReached,
            `WhatsApp's messaging limit of this business is reached: ${limit} candidates contacted first in 24 hours. New candidates can be contacted again from ${rollsAt.toISOString()}`,
            { limit, reached: usage.reached, rollsAt: rollsAt.toISOString() },
          );
          continue;
        }
        usage.reached += 1;
        usage.alreadyReached.add(user);
      }
      counted.push(user);
    }
    await repos.messagingLimit.record(portfolio, counted);
  }
  return refusals;
}
