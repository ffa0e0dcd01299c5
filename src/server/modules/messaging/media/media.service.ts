import { createHash } from "node:crypto";
import type { MessageContent } from "../../../../contracts/messages";
import type { ServerDeps } from "../../../deps";
import { event, recordEvents } from "../../../platform/events/domain-events";
import { GraphError } from "../../../platform/graph/graph-error";
import { explain } from "../../../platform/graph/meta-errors";
import { markNeedsReconnect } from "../../connections/connection-health.service";
import { openToken } from "../../connections/connection-secrets";
import { inTenantTransaction, tenantRepositories } from "../../tenant-repositories";
import { presentMessage, type StoredContent } from "../messages.presenter";

/** Meta's inbound limit is 100 MB; larger files arrive as error 131052 instead. */
export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;

/** Meta writes the sha256 as base64 in webhooks and as hex elsewhere: accept either. */
function sha256Matches(bytes: Buffer, expected: string | null): boolean {
  if (!expected) return true;
  const digest = createHash("sha256").update(bytes).digest();
  return expected === digest.toString("hex") || expected === digest.toString("base64");
}

async function setMediaState(
  deps: ServerDeps,
  clientId: string,
  mediaId: string,
  change: { status: "stored" | "failed"; sizeBytes?: number; mimeType?: string | null; error?: string },
) {
  await inTenantTransaction(deps.database.db, clientId, async (repos, tx) => {
    const stored = await repos.messages.updateMedia(mediaId, {
      status: change.status,
      error: change.error ?? null,
      ...(change.sizeBytes !== undefined
        ? { sizeBytes: change.sizeBytes, storageKey: `${clientId}/${mediaId}` }
        : {}),
      ...(change.mimeType ? { mimeType: change.mimeType } : {}),
    });
    if (!stored?.messageId) return;
    const message = await repos.messages.findById(stored.messageId);
    if (!message) return;
    const content = message.content as unknown as StoredContent;
    if (!("media" in content.content)) return;
    const updated: MessageContent = {
      ...content.content,
      media: {
        ...content.content.media,
        id: mediaId,
        status: change.status,
        sizeBytes: change.sizeBytes ?? null,
        mimeType: change.mimeType ?? content.content.media.mimeType,
      },
    };
    const row = await repos.messages.update(message.id, { content: { ...content, content: updated } });
    // The message's media changed, not its status: the dashboards only.
    await recordEvents(tx, clientId, [
      event("message:status", { message: presentMessage(row!) }, { toWebhooks: false }),
    ]);
  });
}

/**
 * Downloads a candidate's file from Meta (fresh URL each attempt: they expire in 5 minutes),
 * checks its size and sha256, stores it, and shows it in the chat. Throws to be retried on
 * transient failures; records a final failure in words, at once when Meta says the file is gone.
 */
export async function downloadInboundMedia(
  deps: ServerDeps,
  clientId: string,
  mediaId: string,
  isLastAttempt: boolean,
): Promise<void> {
  const repos = tenantRepositories(deps.database.db, clientId);
  const row = await repos.messages.findMedia(mediaId);
  if (row?.status !== "pending" || !row.metaMediaId || !row.messageId) return;
  const message = await repos.messages.findById(row.messageId);
  const conversation = message && (await repos.conversations.findById(message.conversationId));
  const connection = conversation && (await repos.connections.findById(conversation.connectionId));
  if (!connection?.accessTokenSealed) {
    return setMediaState(deps, clientId, mediaId, {
      status: "failed",
      error: "The WhatsApp connection is no longer active",
    });
  }
  const token = openToken(deps.vault, connection.id, connection.accessTokenSealed);
  let step: "lookup" | "download" = "lookup";
  try {
    const info = await deps.graph.getMedia(row.metaMediaId, token);
    step = "download";
    const bytes = await deps.graph.downloadMedia(info.url, token, MAX_MEDIA_BYTES);
    const declared = Number(info.file_size);
    if (Number.isFinite(declared) && declared > 0 && declared !== bytes.length) {
      throw new Error(`size ${bytes.length} differs from the ${declared} bytes Meta announced`);
    }
    if (!sha256Matches(bytes, info.sha256 ?? row.sha256)) throw new Error("sha256 does not match Meta's");
    await deps.media.put(`${clientId}/${mediaId}`, bytes);
    await setMediaState(deps, clientId, mediaId, {
      status: "stored",
      sizeBytes: bytes.length,
      mimeType: info.mime_type,
    });
  } catch (error) {
    if (error instanceof GraphError && error.reaction === "reconnect") {
      await markNeedsReconnect(deps.database.db, clientId, connection.id, explain(error.code, error.message));
      return setMediaState(deps, clientId, mediaId, {
        status: "failed",
        error: explain(error.code, error.message),
      });
    }
    // A permanent answer to the lookup (#100: Meta no longer has this media id, expired or deleted)
    // is final: asking again cannot change it. A download error is retried with a fresh URL.
    const isGone = step === "lookup" && error instanceof GraphError && error.reaction === "permanent";
    if (!isGone && !isLastAttempt) throw error;
    const reason = error instanceof Error ? error.message : "download failed";
    await setMediaState(deps, clientId, mediaId, {
      status: "failed",
      error: isGone ? `Meta no longer has this file: ${reason}` : reason,
    });
  }
}
