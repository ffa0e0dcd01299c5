import type { MessageAutomation } from "../../../../contracts/automation";
import { isWindowOpen, windowExpiry } from "../../../../contracts/conversation-window";
import { ErrorCode } from "../../../../contracts/errors";
import {
  type InteractiveProblem,
  interactiveContent,
  validateInteractive,
  validateLocation,
} from "../../../../contracts/interactive-rules";
import { isBsuid, type MessageContent, type SendMessageBody } from "../../../../contracts/messages";
import { AppError, notFound } from "../../../platform/errors";
import { idempotencyKeyReused, requestFingerprint } from "../../../platform/idempotency";
import type { ConnectionRow } from "../../connections/connections.repository";
import { chosenLanguageSource, type RequestContext } from "../../context";
import type { ContactRow } from "../../conversations/contacts.repository";
import type { ChatWithContact } from "../../conversations/conversations.repository";
import { assertWithinBudget, priceTemplateSends } from "../../costs/costs.service";
import { marketOfContact } from "../../costs/pricing";
import { kindOfMime } from "../media/media-kinds";
import type { MessageRow } from "../messages.repository";
import { normalisePhone } from "../phone";
import { sendingCredentials } from "./connection-access";
import type { BuiltContent } from "./queued-sends";
import { recipientIntakeOf } from "./recipient-intake";
import { sendIntakeOf } from "./send-intake";
import { connectionById, defaultCountryOf, templateOnNumber } from "./send-settings";
import { composeTemplate } from "./template-compose";

/**
 * The conversation to send in: by id, or the candidate's (created on first contact) on a number;
 * with that number when it was read on the way (the caller need not read it again).
 */
async function resolveConversation(
  ctx: RequestContext,
  input: SendMessageBody,
): Promise<{ conversation: ChatWithContact; connection?: ConnectionRow }> {
  if (input.conversationId) {
    const conversation = await ctx.repos.conversations.findById(input.conversationId);
    if (!conversation) throw notFound("Conversation");
    return { conversation };
  }
  const recipient = input.recipient ?? (input.to && isBsuid(input.to) ? input.to.trim() : undefined);
  if (!input.to && !recipient) {
    if (input.contactId) {
      const contact = await ctx.repos.contacts.findById(input.contactId);
      if (!contact) throw notFound("Contact");
      return { conversation: await conversationOfContact(ctx, contact, input.connectionId) };
    }
    return {
      conversation: await conversationOfCandidate(ctx, input.externalCandidateId!, input.connectionId),
    };
  }
  const connection = await connectionById(ctx, input.connectionId!);
  if (!connection) throw notFound("Connection");
  if (recipient) {
    // A candidate known by their business-scoped id (a username, maybe no number).
    let contact =
      (await ctx.repos.contacts.findByBsuid(recipient)) ??
      (await ctx.repos.contacts.findOrCreateByBsuid({
        bsuid: recipient,
        name: input.contactName ?? null,
        externalCandidateId: input.externalCandidateId ?? null,
        externalJobRef: input.externalJobRef ?? null,
      }));
    if (input.contactName && !contact.name)
      contact = (await ctx.repos.contacts.update(contact.id, { name: input.contactName }))!;
    return { conversation: await chatOf(ctx, connection, contact), connection };
  }
  // Resolved with the client's other sends of the moment (`recipient-intake.ts`).
  const conversation = await recipientIntakeOf(ctx.deps).chatOf({
    ctx,
    connection,
    phone: normalisePhone(input.to!, await defaultCountryOf(ctx)),
    contactName: input.contactName ?? null,
    externalCandidateId: input.externalCandidateId ?? null,
    externalJobRef: input.externalJobRef ?? null,
  });
  return { conversation, connection };
}

/**
 * The candidate's chat on this number, started if need be. The upsert answers the chat as it is,
 * and the contact was just read: neither is read again.
 */
async function chatOf(
  ctx: RequestContext,
  connection: ConnectionRow,
  contact: ContactRow,
): Promise<ChatWithContact> {
  const chat = await ctx.repos.conversations.upsert(connection.id, contact.id);
  return { ...chat, contact };
}

/**
 * The conversation of the candidate LinkoJob knows by this id: on the given number (started there
 * if need be), else the candidate's most recent one. The candidate must be known already (a first
 * send gives `to` with `externalCandidateId`).
 */
async function conversationOfCandidate(
  ctx: RequestContext,
  externalCandidateId: string,
  connectionId: string | undefined,
): Promise<ChatWithContact> {
  const found = await ctx.repos.contacts.findByExternalCandidateId(externalCandidateId);
  if (found.length === 0)
    throw notFound("Candidate with this externalCandidateId (send once with `to` to introduce them)");
  if (found.length > 1)
    throw new AppError(
      ErrorCode.conflict,
      "Several candidates have this externalCandidateId: send to a conversationId instead",
    );
  return conversationOfContact(ctx, found[0]!, connectionId);
}

/** The candidate's conversation on the given number (started there if need be), else their latest. */
async function conversationOfContact(
  ctx: RequestContext,
  contact: ContactRow,
  connectionId: string | undefined,
): Promise<ChatWithContact> {
  if (connectionId) {
    const connection = await connectionById(ctx, connectionId);
    if (!connection) throw notFound("Connection");
    return chatOf(ctx, connection, contact);
  }
  const chats = await ctx.repos.conversations.listOfContact(contact.id);
  const latest = chats.sort(
    (a, b) => (b.lastMessageAt?.getTime() ?? 0) - (a.lastMessageAt?.getTime() ?? 0),
  )[0];
  if (!latest) throw notFound("Conversation of this candidate (give connectionId to start one)");
  return latest;
}

/** Meta's limits broken by a question or a place: 400 with each problem at its field of the body. */
function refuseProblems(problems: InteractiveProblem[], prefix: string): AppError {
  const first = problems[0] as InteractiveProblem;
  return new AppError(
    ErrorCode.validationFailed,
    `${prefix}.${first.field}: ${first.message}`,
    problems.map((p) => ({ ...p, field: `${prefix}.${p.field}` })),
  );
}

/** The content to store, checked as Meta would check it (window, template, opt-out). */
async function buildContent(
  ctx: RequestContext,
  input: SendMessageBody,
  conversation: ChatWithContact,
): Promise<BuiltContent> {
  // Meta checks the message's shape before the window: a broken question is refused as such.
  if (input.interactive) {
    const problems = validateInteractive(input.interactive);
    if (problems.length > 0) throw refuseProblems(problems, "body.interactive");
  }
  if (input.location) {
    const problems = validateLocation(input.location);
    if (problems.length > 0) throw refuseProblems(problems, "body.location");
  }
  const windowOpen = isWindowOpen(windowExpiry(conversation.lastInboundAt), Date.now());
  if (input.template) {
    const template = await templateOnNumber(
      ctx,
      conversation.connectionId,
      input.template.name,
      input.template.language,
    );
    if (!template) {
      throw new AppError(
        ErrorCode.templateNotFound,
        `No template "${input.template.name}" in ${input.template.language} on this number (sync templates if it was just approved)`,
      );
    }
    if (template.status === "DELETED" || template.status === "PENDING_DELETION") {
      throw new AppError(
        ErrorCode.templateNotFound,
        `The template "${template.name}" in ${template.language} was deleted at WhatsApp: it can no longer be sent. Choose another template or create it again`,
      );
    }
    if (template.status !== "APPROVED") {
      throw new AppError(
        ErrorCode.templateNotApproved,
        `The template "${template.name}" is ${template.status.toLowerCase()}, not approved: it cannot be sent`,
      );
    }
    // Meta refuses authentication templates (one-tap, zero-tap, copy code) to a BSUID (131062).
    if (template.category === "AUTHENTICATION" && !conversation.contact.phone && !conversation.contact.waId) {
      throw new AppError(
        ErrorCode.phoneNumberRequired,
        "This candidate is known only by their WhatsApp username (business-scoped user id): authentication templates need their phone number. Send another template, or ask them for their number",
      );
    }
    if (template.category === "MARKETING" && conversation.contact.optedOutAt) {
      throw new AppError(
        ErrorCode.optedOut,
        "This candidate asked to stop receiving messages: marketing templates are not sent to them",
      );
    }
    const heldUntil = conversation.contact.marketingHeldUntil;
    if (template.category === "MARKETING" && heldUntil && heldUntil.getTime() > Date.now()) {
      throw new AppError(
        ErrorCode.marketingHeldBack,
        `WhatsApp held back the last marketing message to this candidate to avoid overwhelming them: no marketing template before ${heldUntil.toISOString()}`,
        { until: heldUntil.toISOString() },
      );
    }
    const composed = composeTemplate(template, input.template);
    const content: MessageContent = {
      type: "template",
      name: template.name,
      language: template.language,
      rendered: composed.rendered,
      params: input.template,
    };
    return {
      content,
      text: composed.rendered,
      meta: { components: composed.components, category: template.category },
    };
  }
  if (!windowOpen) {
    throw new AppError(
      ErrorCode.windowClosed,
      conversation.lastInboundAt
        ? "More than 24 hours have passed since the candidate's last message: send a template instead"
        : "The candidate has not written yet: the first message must be a template",
    );
  }
  if (input.text)
    return { content: { type: "text", body: input.text } as MessageContent, text: input.text, meta: {} };
  if (input.interactive) {
    const content: MessageContent = { type: "interactive", ...interactiveContent(input.interactive) };
    return { content, text: content.body, meta: {} };
  }
  if (input.location) {
    const { latitude, longitude } = input.location;
    const name = input.location.name?.trim() || null;
    const address = input.location.address?.trim() || null;
    const content: MessageContent = { type: "location", latitude, longitude, name, address, url: null };
    return { content, text: name ?? address, meta: {} };
  }
  if (input.reaction) {
    const target = await ctx.repos.messages.findById(input.reaction.messageId);
    if (!target?.wamid || target.conversationId !== conversation.id) throw notFound("Message to react to");
    return {
      content: {
        type: "reaction",
        targetWamid: target.wamid,
        emoji: input.reaction.emoji || null,
      } as MessageContent,
      text: null,
      meta: {},
    };
  }
  if (input.media) {
    const file = await ctx.repos.messages.findMedia(input.media.mediaId);
    if (file?.direction !== "outbound" || file.status !== "stored" || file.messageId)
      throw notFound("Uploaded file");
    const kind = kindOfMime(file.mimeType ?? "");
    if (kind !== input.media.kind)
      throw new AppError(
        ErrorCode.validationFailed,
        `body.media.kind: the uploaded file is ${kind ?? "of an unknown kind"}, not ${input.media.kind}`,
      );
    const caption = kind === "audio" || kind === "sticker" ? null : (input.media.caption ?? null);
    const content = {
      type: kind,
      media: {
        id: file.id,
        mimeType: file.mimeType,
        filename: file.filename,
        caption,
        sizeBytes: file.sizeBytes,
        status: "stored" as const,
      },
    } as MessageContent;
    return { content, text: caption ?? file.filename, meta: {}, mediaId: file.id };
  }
  throw new AppError(ErrorCode.validationFailed, "body.text: nothing to send");
}

/** A template Meta will charge is refused once the month's budget is spent (free ones still go). */
async function refusePaidSendPastBudget(
  ctx: RequestContext,
  conversation: ChatWithContact,
  category: string,
) {
  const phone =
    conversation.contact.phone ?? (conversation.contact.waId ? `+${conversation.contact.waId}` : "");
  const isOpen = isWindowOpen(windowExpiry(conversation.lastInboundAt), Date.now());
  const market = marketOfContact(conversation.contact);
  const [price] = await priceTemplateSends(ctx, category, [{ phone, isWindowOpen: isOpen, market }]);
  if (price?.isBillable) await assertWithinBudget(ctx, 0);
}

/**
 * Queues a message for sending: checks it as Meta would, stores it `queued` and enqueues its send
 * job in one transaction (shared with the client's other sends of the moment, `send-intake.ts`),
 * and returns it at once. A repeated call with the same idempotency key
 * and body returns the first message and sends nothing more; the same key with another body is
 * refused (`idempotency_key_reused`).
 */
export async function sendMessage(
  ctx: RequestContext,
  input: SendMessageBody,
  idempotencyKey?: string,
  options: { automation?: MessageAutomation } = {},
): Promise<MessageRow> {
  const fingerprint = idempotencyKey ? requestFingerprint(input) : null;
  // The same key again: the first message if the body is the same, refused if not. Messages kept
  // before fingerprints were (null) are answered as before.
  const replayed = (existing: MessageRow): MessageRow => {
    if (existing.idempotencyFingerprint && existing.idempotencyFingerprint !== fingerprint)
      throw idempotencyKeyReused();
    return existing;
  };
  if (idempotencyKey) {
    const existing = await ctx.repos.messages.findByIdempotencyKey(idempotencyKey);
    if (existing) return replayed(existing);
  }
  const resolved = await resolveConversation(ctx, input);
  const { conversation } = resolved;
  const connection = resolved.connection ?? (await connectionById(ctx, conversation.connectionId));
  if (!connection) throw notFound("Connection");
  sendingCredentials(ctx.deps, connection); // fails at once, with the reason, if the number cannot send
  const built = await buildContent(ctx, input, conversation);
  if (built.meta.category) await refusePaidSendPastBudget(ctx, conversation, built.meta.category);
  const replyTo = input.replyToMessageId
    ? await ctx.repos.messages.findById(input.replyToMessageId)
    : undefined;
  if (input.replyToMessageId && (!replyTo?.wamid || replyTo.conversationId !== conversation.id))
    throw notFound("Message to reply to");
  // Before the store, so that the chat announced with the message already shows the language.
  if (input.contactLanguage)
    await ctx.repos.contacts.recordLanguage(
      conversation.contact.id,
      input.contactLanguage,
      chosenLanguageSource(ctx.actor),
    );

  try {
    return await sendIntakeOf(ctx.deps).store({
      ctx,
      conversation,
      connection,
      built,
      replyTo,
      idempotencyKey: idempotencyKey ?? null,
      fingerprint,
      automation: options.automation ?? null,
    });
  } catch (error) {
    // Two identical calls at once: the loser returns the winner's message.
    const existing = idempotencyKey
      ? await ctx.repos.messages.findByIdempotencyKey(idempotencyKey)
      : undefined;
    if (existing) return replayed(existing);
    throw error;
  }
}
