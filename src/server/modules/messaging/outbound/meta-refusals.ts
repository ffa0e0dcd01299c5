import type { Config } from "../../../platform/config";
import type { Db } from "../../../platform/db/client";
import type { TenantRepositories } from "../../tenant-repositories";
import { tenantRepositories } from "../../tenant-repositories";
import type { MessageRow } from "../messages.repository";

/** Meta's refusals that say something about the candidate, the template or the number, not only the message. */
export const REFUSALS_WITH_CONSEQUENCES = new Set([131042, 131048, 131049, 131050, 132015, 132016]);

/** The connection's warning for an account without a valid payment method (Meta's 131042, 141006). */
const PAYMENT_WARNING = "payment_method_invalid";

/** Meta holds back marketing to a user for this long after 131049 (meta-platform.md §3: "not before 24 h"). */
const MARKETING_HOLD_MS = 24 * 3600_000;

/**
 * What a failed message's code means beyond the message, as Meta documents it (none of these is
 * retried):
 * - 131042, the account has no valid payment method: the number shows it (`payment_method_invalid`)
 *   until a health check finds the account able to send again;
 * - 131050, the candidate stopped marketing messages: the contact is opted out of marketing;
 * - 131049, Meta held the marketing message back (per-user limit, ecosystem engagement): no
 *   marketing template to them for 24 h;
 * - 131048, the number's spam rate limit: the number's campaigns wait (`spam_rate_limit`);
 * - 132015 / 132016, the template paused / disabled by Meta: stored so, and the campaigns using it
 *   wait (`template_paused`; a disabled template's campaign ends at its next round).
 */
export async function applyRefusal(
  repos: TenantRepositories,
  config: Pick<Config, "sending">,
  message: MessageRow,
  code: number | null | undefined,
): Promise<void> {
  if (code == null || !REFUSALS_WITH_CONSEQUENCES.has(code) || message.direction !== "outbound") return;
  const conversation = await repos.conversations.findById(message.conversationId);
  if (!conversation) return;
  const now = new Date();
  if (code === 131042) {
    const connection = await repos.connections.findById(conversation.connectionId);
    if (connection && !connection.healthWarnings.includes(PAYMENT_WARNING))
      await repos.connections.update(connection.id, {
        healthWarnings: [...connection.healthWarnings, PAYMENT_WARNING],
      });
  } else if (code === 131050) {
    if (!conversation.contact.optedOutAt)
      await repos.contacts.update(conversation.contact.id, { optedOutAt: now, optOutSource: "whatsapp" });
  } else if (code === 131049) {
    await repos.contacts.update(conversation.contact.id, {
      marketingHeldUntil: new Date(now.getTime() + MARKETING_HOLD_MS),
    });
  } else if (code === 131048) {
    await repos.campaigns.holdUnfinished(conversation.connectionId, {
      waitingReason: "spam_rate_limit",
      waitingUntil: new Date(now.getTime() + config.sending.spamPauseSeconds * 1000),
    });
  } else if (message.templateName && message.templateLanguage) {
    const template = await repos.templates.find(
      conversation.connectionId,
      message.templateName,
      message.templateLanguage,
    );
    const status = code === 132015 ? "PAUSED" : "DISABLED";
    if (template && template.status !== status) await repos.templates.update(template.id, { status });
    await repos.campaigns.holdUnfinished(
      conversation.connectionId,
      {
        waitingReason: "template_paused",
        waitingUntil: new Date(now.getTime() + config.sending.templatePauseRecheckSeconds * 1000),
      },
      { name: message.templateName, language: message.templateLanguage },
    );
  }
}

/** The consequences of a batch of failed messages of one client, in the caller's transaction. */
export async function applyRefusals(
  tx: Db,
  clientId: string,
  config: Pick<Config, "sending">,
  failed: MessageRow[],
): Promise<void> {
  const repos = tenantRepositories(tx, clientId);
  for (const message of failed)
    if (message.status === "failed") await applyRefusal(repos, config, message, message.errorCode);
}
