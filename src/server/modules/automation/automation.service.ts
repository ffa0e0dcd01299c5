import {
  type AutomationSettings,
  AWAY_REPLY_INTERVAL_MS,
  awayMessageIn,
  awayReplyLanguage,
  DEFAULT_AWAY_MESSAGES,
  DEFAULT_BUSINESS_HOURS,
  isWithinBusinessHours,
  type UpdateAutomationSettingsBody,
} from "../../../contracts/automation";
import { roleMay, USER_ROLES } from "../../../contracts/roles";
import { DEFAULT_TIME_ZONE } from "../../../contracts/time-zone";
import { AppError, forbidden, notFound, validationFailed } from "../../platform/errors";
import type { ClientRow } from "../accounts/clients.repository";
import { can } from "../accounts/policies";
import type { UserRow } from "../accounts/users.repository";
import { recordAudit } from "../audit/audit.service";
import type { RequestContext } from "../context";
import { recordAssignment } from "../conversations/conversations.service";
import { sendMessage } from "../messaging/outbound/send.service";

/** The roles that chat with candidates, and so may be given a new conversation. */
const CHAT_ROLES = USER_ROLES.filter((role) => roleMay(role, "conversations.read"));

/**
 * How late a candidate's message may be processed and still get the away reply: a delivery
 * replayed long after (an operator's replay, Meta's retries after an outage) is not answered as if
 * the candidate had just written.
 */
export const AWAY_REPLY_MAX_DELAY_MS = 60 * 60 * 1000;

function present(client: ClientRow): AutomationSettings {
  return {
    assignmentMode: client.assignmentMode,
    awayReplyEnabled: client.awayReplyEnabled,
    businessHours: client.businessHours ?? DEFAULT_BUSINESS_HOURS,
    awayMessages: client.awayMessages ?? DEFAULT_AWAY_MESSAGES,
    timeZone: client.timeZone ?? DEFAULT_TIME_ZONE,
  };
}

async function clientOf(ctx: RequestContext): Promise<ClientRow> {
  const client = await ctx.repos.clients.findById(ctx.clientId);
  if (!client) throw notFound("Client");
  return client;
}

/** The client's inbox rules: every teammate sees them. */
export async function getAutomationSettings(ctx: RequestContext): Promise<AutomationSettings> {
  return present(await clientOf(ctx));
}

/** Changes the inbox rules (owners and admins: they apply to the whole team), audited. */
export async function updateAutomationSettings(
  ctx: RequestContext,
  body: UpdateAutomationSettingsBody,
): Promise<AutomationSettings> {
  if (!can(ctx.actor, "automation.manage")) throw forbidden("Only owners and admins change the inbox rules");
  const current = present(await clientOf(ctx));
  const next = { ...current, ...body };
  if (next.awayReplyEnabled && !awayMessageIn(next.awayMessages, "fr"))
    throw validationFailed("body.awayMessages", "write the away message in at least one language");
  const updated = await ctx.repos.clients.update(body);
  await recordAudit(ctx, "automation_settings.updated", { type: "client", id: ctx.clientId }, body);
  return present(updated!);
}

/**
 * Gives a candidate's new conversation to a teammate, by the client's rule: the one who last
 * wrote to the candidate (on any of the client's numbers) when that rule is chosen and they are
 * available, else the next available teammate in turn. The turn is one atomic increment on the
 * client's row, so candidates writing at once are spread, never piled on one teammate. Recorded as
 * any assignment is; nothing happens when the chat found an assignee meanwhile, or nobody is
 * available. Returns who got it.
 */
export async function assignNewConversation(ctx: RequestContext, conversationId: string) {
  return ctx.transaction(async (repos, tx) => {
    const client = await repos.clients.findById(ctx.clientId);
    if (!client || client.assignmentMode === "off") return null;
    const conversation = await repos.conversations.findById(conversationId);
    if (!conversation || conversation.assigneeId) return null;
    const available = await repos.users.listAvailable(CHAT_ROLES);
    if (available.length === 0) return null;
    let chosen: UserRow | undefined;
    let rule: string = client.assignmentMode;
    if (client.assignmentMode === "last_writer") {
      const chats = await repos.conversations.listOfContact(conversation.contactId);
      const writer = await repos.messages.lastWriterIn(chats.map((chat) => chat.id));
      chosen = available.find((user) => user.id === writer);
      if (!chosen) rule = "round_robin";
    }
    if (!chosen) {
      const turn = await repos.clients.takeAssignmentTurn();
      chosen = available[turn % available.length]!;
    }
    if (!(await repos.conversations.assignIfUnassigned(conversationId, chosen.id))) return null;
    await recordAssignment({ ...ctx, repos }, tx, conversationId, chosen.id, rule);
    return chosen.id;
  });
}

export type AwayReplyOutcome =
  | "sent"
  | "off"
  | "late"
  | "within_hours"
  | "opted_out"
  | "already_replied"
  | "no_message"
  | "refused";

/**
 * Answers a candidate who wrote outside business hours with the client's away message, in their
 * language (the contact's, else their message's when clear, else French), through the normal
 * send path (a service message in the window their message opened). At most once per conversation
 * every 12 hours (the claim and the queued message commit together), never to a candidate who
 * opted out, never for a message delivered long after it was written.
 */
export async function sendAwayReply(
  ctx: RequestContext,
  conversationId: string,
  messageId: string,
): Promise<AwayReplyOutcome> {
  const client = await clientOf(ctx);
  if (!client.awayReplyEnabled) return "off";
  const inbound = await ctx.repos.messages.findById(messageId);
  if (inbound?.direction !== "inbound" || inbound.conversationId !== conversationId) return "no_message";
  const now = new Date();
  if (now.getTime() - inbound.occurredAt.getTime() > AWAY_REPLY_MAX_DELAY_MS) return "late";
  const settings = present(client);
  if (isWithinBusinessHours(settings.businessHours, settings.timeZone, inbound.occurredAt))
    return "within_hours";
  const conversation = await ctx.repos.conversations.findById(conversationId);
  if (!conversation) return "no_message";
  if (conversation.contact.optedOutAt) return "opted_out";
  const language = awayReplyLanguage(conversation.contact.language, inbound.text);
  const text = awayMessageIn(settings.awayMessages, language);
  if (!text) return "off";
  try {
    return await ctx.transaction(async (repos, tx) => {
      if (!(await repos.conversations.claimAwayReply(conversationId, now, AWAY_REPLY_INTERVAL_MS)))
        return "already_replied";
      // The send's own writes join this transaction: claimed and queued together, or neither.
      const inTx: RequestContext = {
        ...ctx,
        repos,
        transaction: (work) => work(repos, tx),
        withinTransaction: true,
      };
      await sendMessage(inTx, { conversationId, text }, `away-reply:${messageId}`, {
        automation: "away_reply",
      });
      return "sent";
    });
  } catch (error) {
    // What Meta would refuse (the number cannot send, the window closed): nothing to retry.
    if (error instanceof AppError) {
      ctx.log.warn({ err: error, conversationId }, "away reply not sent");
      return "refused";
    }
    throw error;
  }
}
