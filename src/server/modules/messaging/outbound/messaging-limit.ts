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

/**
 * Counts a business-initiated send (a template outside the window) against the portfolio's
 * messaging limit, in the caller's transaction, or refuses it with `messaging_limit_reached` and
 * when the window rolls. A user already reached in the window counts no one new. The count lives
 * in the database (one row per send, the portfolio locked while it is checked), shared by every
 * process.
 */
export async function countBusinessInitiated(
  repos: TenantRepositories,
  connection: ConnectionRow,
  contact: ContactRow,
  windowSeconds: number,
): Promise<void> {
  const portfolio = portfolioOf(connection);
  const user = reachedUserOf(contact);
  const limit = limitOfTier(connection.messagingLimitTier);
  await repos.messagingLimit.lockPortfolio(portfolio);
  if (limit !== null) {
    const usage = await repos.messagingLimit.usage(portfolio, user, windowSeconds);
    if (!usage.isReached && usage.reached >= limit) {
      const rollsAt = usage.rollsAt ?? new Date(Date.now() + windowSeconds * 1000);
      throw new AppError(
        ErrorCode.messagingLimitReached,
        `WhatsApp's messaging limit of this business is reached: ${limit} candidates contacted first in 24 hours. New candidates can be contacted again from ${rollsAt.toISOString()}`,
        { limit, reached: usage.reached, rollsAt: rollsAt.toISOString() },
      );
    }
  }
  await repos.messagingLimit.record(portfolio, user);
}
