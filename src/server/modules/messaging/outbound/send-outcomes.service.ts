import type { ServerDeps } from "../../../deps";
import { groupBy } from "../../../platform/collections";
import {
  event,
  type PendingEvent,
  recordEvents,
  recordEventsOfClients,
} from "../../../platform/events/domain-events";
import { GraphError } from "../../../platform/graph/graph-error";
import { explain } from "../../../platform/graph/meta-errors";
import type { ConnectionRow } from "../../connections/connections.repository";
import type { ContactRow } from "../../conversations/contacts.repository";
import { inTenantTransaction, type TenantRepositories, tenantRepositories } from "../../tenant-repositories";
import { presentMessage } from "../messages.presenter";
import { type MessageRow, parkedStatusesRepository } from "../messages.repository";
import { applyParkedStatuses } from "../statuses/statuses.service";
import { handleTokenRefusal } from "./connection-access";
import { applyRefusal } from "./meta-refusals";

/** A send Meta accepted. */
export interface Accepted {
  message: MessageRow;
  contact: ContactRow;
  wamid: string;
  /** Meta's wa_id for the recipient, which can differ from the number typed. */
  returnedWaId: string | undefined;
  sentAt: Date;
  /** The number it went from (a template's pacing is the number's template's). */
  connectionId?: string;
  /**
   * Meta's `message_status` for a template send: `accepted`, or under template pacing
   * `held_for_quality_assessment` / `paused`; absent when Meta says nothing.
   */
  messageStatus?: string;
}

/** Ends a message as failed, with Meta's code and the reason in words (one transaction with its event). */
export async function failMessage(
  deps: ServerDeps,
  message: MessageRow,
  code: number | null,
  title: string,
  details: string | null,
): Promise<void> {
  await inTenantTransaction(deps.database.db, message.clientId, async (repos, tx) => {
    const updated = await repos.messages.update(message.id, {
      status: "failed",
      failedAt: new Date(),
      errorCode: code,
      errorTitle: title,
      errorDetails: details,
    });
    await recordEvents(tx, message.clientId, [
      event("message:status", { message: presentMessage(updated!) }),
    ]);
  });
}

/**
 * Stores a batch's wamids: one transaction for the batch (per client one UPDATE of the messages
 * and one of the contacts whose wa_id Meta returned, the statuses that arrived before their wamid
 * was known, the events of every client in one insert). A message whose row the webhook processor holds right now is
 * stored after that, on its own (see `recordSent`).
 */
export async function recordAccepted(deps: ServerDeps, accepted: Accepted[]): Promise<void> {
  if (accepted.length === 0) return;
  const left = await storeAccepted(deps, accepted, true);
  for (const send of left) await storeAccepted(deps, [send], false);
}

/** Returns the sends it could not store without waiting for another transaction's lock. */
async function storeAccepted(
  deps: ServerDeps,
  accepted: Accepted[],
  skipLocked: boolean,
): Promise<Accepted[]> {
  const byClient = groupBy(accepted, (a) => a.message.clientId);
  const left: Accepted[] = [];
  await deps.database.db.transaction(async (tx) => {
    const parked = await parkedStatusesRepository(tx).waitingAmong(accepted.map((a) => a.wamid));
    const groups: { clientId: string; events: PendingEvent[] }[] = [];
    for (const [clientId, sends] of byClient) {
      const repos = tenantRepositories(tx, clientId);
      const rows = await repos.outbox.recordSent(
        sends.map((s) => ({ id: s.message.id, wamid: s.wamid, sentAt: s.sentAt })),
        { skipLocked },
      );
      const stored = new Set(rows.map((r) => r.id));
      const events: PendingEvent[] = rows.map((row) =>
        event("message:status", { message: presentMessage(row) }),
      );
      await repos.outbox.learnWaIds(
        sends.flatMap(({ message, contact, returnedWaId }) =>
          stored.has(message.id) && returnedWaId && returnedWaId !== contact.waId
            ? [{ contactId: contact.id, waId: returnedWaId }]
            : [],
        ),
      );
      for (const send of sends) if (!stored.has(send.message.id)) left.push(send);
      events.push(
        ...(await applyParkedStatuses(
          tx,
          clientId,
          sends.flatMap((send) =>
            stored.has(send.message.id) && parked.has(send.wamid)
              ? [{ messageId: send.message.id, wamid: send.wamid }]
              : [],
          ),
        )),
      );
      await notePacing(
        repos,
        sends.filter((send) => stored.has(send.message.id)),
      );
      groups.push({ clientId, events });
    }
    await recordEventsOfClients(tx, groups);
  });
  // Without skipping, a message not stored is gone (its chat deleted): nothing is left to do.
  return skipLocked ? left : [];
}

/**
 * Keeps Meta's template pacing as data on the template: a send answered `held_for_quality_assessment`
 * or `paused` marks it paced; one answered `accepted` ends it. Once per template of the batch (the
 * last answer wins), and a write only when it changes.
 */
async function notePacing(repos: TenantRepositories, sends: Accepted[]): Promise<void> {
  const last = new Map<
    string,
    { connectionId: string; name: string; language: string; status: string | null }
  >();
  for (const send of sends) {
    const { templateName, templateLanguage } = send.message;
    if (!send.connectionId || !templateName || !templateLanguage || send.messageStatus === undefined)
      continue;
    last.set(`${send.connectionId}\u0000${templateName}\u0000${templateLanguage}`, {
      connectionId: send.connectionId,
      name: templateName,
      language: templateLanguage,
      status: send.messageStatus === "accepted" ? null : send.messageStatus,
    });
  }
  for (const t of last.values())
    await repos.templates.notePacing(t.connectionId, t.name, t.language, t.status);
}

/**
 * What a failed send means for its message: `retry` (the job attempt fails and backs off) or
 * `done` (the message was failed in words). A definite refusal puts it back to `queued` (Meta did
 * not take it); an uncertain one (timeout, network) stays `sending` from now, so a retry waits
 * the grace period for the status webhook that would carry its wamid.
 */
export async function settleSendError(
  deps: ServerDeps,
  message: MessageRow,
  connection: ConnectionRow,
  error: unknown,
  isLastAttempt: boolean,
): Promise<"retry" | "done"> {
  const graphError = error instanceof GraphError ? error : undefined;
  const isAnswered = graphError?.details.httpStatus !== undefined;
  const repos = tenantRepositories(deps.database.db, message.clientId);
  await repos.messages.update(message.id, { status: isAnswered ? "queued" : "sending" });
  await handleTokenRefusal(deps, connection, error);
  if (!isLastAttempt && (!graphError || graphError.reaction === "retry")) return "retry";
  await failMessage(
    deps,
    message,
    graphError?.code ?? null,
    graphError?.details.title ?? "Not sent",
    graphError ? explain(graphError.code, graphError.details.detail ?? graphError.message) : String(error),
  );
  await applyRefusal(repos, deps.config, message, graphError?.code);
  return "done";
}
