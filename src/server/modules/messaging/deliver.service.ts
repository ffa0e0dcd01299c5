import type { ServerDeps } from "../../deps";
import type { Db } from "../../platform/db/client";
import { event, type PendingEvent, recordEvents } from "../../platform/events/domain-events";
import { GraphError } from "../../platform/graph/graph-error";
import { explain } from "../../platform/graph/meta-errors";
import { reserveSlot } from "../../platform/rate-budget";
import { tenantRepositories } from "../tenant-repositories";
import { handleTokenRefusal, sendingCredentials } from "./connection-access";
import { presentMessage, type StoredContent } from "./messages.presenter";
import type { MessageChanges, MessageRow } from "./messages.repository";
import { outboundPayload } from "./outbound-payload";
import { applyParkedStatuses } from "./statuses.service";

/** Meta's pair rate: about one message per 6 s to the same person, after a burst. */
const PAIR_RATE = { perSecond: 1 / 6, burst: 10 };

/**
 * A file goes to Meta from the number that sends it (Meta keeps it 30 days); uploaded once, its
 * id is reused by a retry.
 */
async function uploadedToMeta(
  deps: ServerDeps,
  message: MessageRow,
  credentials: { phoneNumberId: string; token: string },
): Promise<string | null> {
  const content = (message.content as unknown as StoredContent).content;
  if (!("media" in content) || !content.media.id) return null;
  const repos = tenantRepositories(deps.database.db, message.clientId);
  const file = await repos.messages.findMedia(content.media.id);
  if (!file?.storageKey) throw new Error("the file to send is missing");
  if (file.metaMediaId) return file.metaMediaId;
  const stored = await deps.media.open(file.storageKey);
  if (!stored) throw new Error("the file to send is missing from storage");
  const chunks: Buffer[] = [];
  for await (const chunk of stored.stream) chunks.push(chunk as Buffer);
  const metaMediaId = await deps.graph.uploadMedia(credentials.phoneNumberId, credentials.token, {
    bytes: Buffer.concat(chunks),
    mimeType: file.mimeType ?? "application/octet-stream",
    filename: file.filename ?? `file-${file.id}`,
  });
  await repos.messages.updateMedia(file.id, { metaMediaId });
  return metaMediaId;
}

export type DeliverResult = { outcome: "done" } | { outcome: "later"; afterSeconds: number };

async function save(
  deps: ServerDeps,
  message: MessageRow,
  changes: MessageChanges,
  extra: (tx: Db) => Promise<PendingEvent[]> = async () => [],
) {
  await deps.database.db.transaction(async (tx) => {
    const updated = await tenantRepositories(tx, message.clientId).messages.update(message.id, changes);
    const events = [event("message:status", { message: presentMessage(updated!) }), ...(await extra(tx))];
    await recordEvents(tx, message.clientId, events);
  });
}

/** Ends a message as failed, with Meta's code and the reason in words. */
async function fail(
  deps: ServerDeps,
  message: MessageRow,
  code: number | null,
  title: string,
  details: string | null,
) {
  await save(deps, message, {
    status: "failed",
    failedAt: new Date(),
    errorCode: code,
    errorTitle: title,
    errorDetails: details,
  });
}

/**
 * Sends one queued message to Meta, once: never again once it has a wamid; paced under the
 * number's throughput and the recipient's pair rate (budgets shared by all workers); retried only
 * for retryable errors (the caller's job retries when this throws).
 */
export async function deliverMessage(
  deps: ServerDeps,
  clientId: string,
  messageId: string,
  templateComponents: unknown[],
  isLastAttempt: boolean,
): Promise<DeliverResult> {
  const repos = tenantRepositories(deps.database.db, clientId);
  const message = await repos.messages.findById(messageId);
  if (!message || message.wamid || message.status === "failed" || message.direction !== "outbound")
    return { outcome: "done" };
  const graceMs = deps.config.sending.uncertainGraceSeconds * 1000;
  if (message.status === "sending" && Date.now() - message.updatedAt.getTime() < graceMs) {
    // An earlier attempt may have reached Meta (crash or timeout mid-call): its status webhook,
    // which carries our id, would attach the wamid and end this. Otherwise send again after it.
    return {
      outcome: "later",
      afterSeconds: Math.ceil((graceMs - (Date.now() - message.updatedAt.getTime())) / 1000),
    };
  }
  const conversation = await repos.conversations.findById(message.conversationId);
  const connection = conversation && (await repos.connections.findById(conversation.connectionId));
  if (!conversation || !connection) return { outcome: "done" };
  let credentials: ReturnType<typeof sendingCredentials>;
  try {
    credentials = sendingCredentials(deps, connection);
  } catch (error) {
    await fail(deps, message, null, "Connection unavailable", error instanceof Error ? error.message : null);
    return { outcome: "done" };
  }

  const recipient =
    conversation.contact.waId ?? conversation.contact.phone ?? conversation.contact.bsuid ?? "";
  const wait = Math.max(
    await reserveSlot(deps.database.db, `number:${connection.id}`, {
      perSecond: connection.throughputPerSecond,
      burst: 1,
    }),
    await reserveSlot(deps.database.db, `pair:${connection.id}:${recipient}`, PAIR_RATE),
  );
  if (wait > 10_000) return { outcome: "later", afterSeconds: Math.ceil(wait / 1000) };
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

  await repos.messages.update(message.id, { status: "sending", sendAttempts: message.sendAttempts + 1 });
  try {
    const metaMediaId = await uploadedToMeta(deps, message, credentials);
    const payload = outboundPayload(message, conversation.contact, templateComponents, metaMediaId);
    const result = await deps.graph.sendMessage(credentials.phoneNumberId, credentials.token, payload);
    const wamid = result.messages[0]?.id;
    if (!wamid)
      throw new GraphError("Meta accepted the message without an id", { endpoint: "POST messages" });
    const returnedWaId = result.contacts?.[0]?.wa_id;
    await save(deps, message, { wamid, status: "sent", sentAt: new Date() }, async (tx) => {
      const txRepos = tenantRepositories(tx, clientId);
      // Meta's wa_id can differ from the number typed (Mexico 521, Argentina 549, Brazil).
      if (
        returnedWaId &&
        returnedWaId !== conversation.contact.waId &&
        !(await txRepos.contacts.findByWaId(returnedWaId))
      ) {
        await txRepos.contacts.update(conversation.contact.id, { waId: returnedWaId });
      }
      return applyParkedStatuses(tx, clientId, message.id, wamid);
    });
    return { outcome: "done" };
  } catch (error) {
    const isAnswered = error instanceof GraphError && error.details.httpStatus !== undefined;
    // A definite refusal means Meta did not take it: safe to try again. A timeout stays uncertain.
    if (isAnswered) await repos.messages.update(message.id, { status: "queued" });
    await handleTokenRefusal(deps, connection, error);
    const graphError = error instanceof GraphError ? error : undefined;
    if (graphError?.reaction === "retry" && !isLastAttempt) throw error;
    if (!graphError && !isLastAttempt) throw error;
    await fail(
      deps,
      { ...message, status: isAnswered ? "queued" : "sending" },
      graphError?.code ?? null,
      graphError?.details.title ?? "Not sent",
      graphError ? explain(graphError.code, graphError.details.detail ?? graphError.message) : String(error),
    );
    return { outcome: "done" };
  }
}
