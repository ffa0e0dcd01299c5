import { ErrorCode } from "../../../../contracts/errors";
import { AppError, validationFailed } from "../../../platform/errors";
import type { RequestContext } from "../../context";
import { kindOfMime, MEDIA_KINDS } from "./media-kinds";

/**
 * Keeps a file a recruiter attaches, checked against what WhatsApp accepts (type and size), so a
 * send can refer to it. It goes to Meta only when the message is sent, from the sending number.
 */
export async function uploadMedia(
  ctx: RequestContext,
  file: { bytes: Buffer; mimeType: string; filename: string | null },
) {
  const kind = kindOfMime(file.mimeType);
  if (!kind) {
    throw validationFailed(
      "headers.content-type",
      `WhatsApp does not accept ${file.mimeType} files (images JPEG/PNG, videos MP4, audio, PDF and Office documents)`,
    );
  }
  if (file.bytes.length === 0) throw validationFailed("body", "the file is empty");
  const limit = MEDIA_KINDS[kind].maxBytes;
  if (file.bytes.length > limit) {
    throw new AppError(
      ErrorCode.payloadTooLarge,
      `WhatsApp accepts ${kind} files up to ${Math.round(limit / 1024 / 1024)} MB`,
    );
  }
  const row = await ctx.repos.messages.insertMedia({
    direction: "outbound",
    messageId: null,
    mimeType: file.mimeType.split(";")[0]!.trim(),
    sizeBytes: file.bytes.length,
    filename: file.filename,
    status: "pending",
    uploadedBy: ctx.actor.type === "user" ? ctx.actor.userId : null,
  });
  const storageKey = `${ctx.clientId}/${row.id}`;
  await ctx.deps.media.put(storageKey, file.bytes);
  const stored = await ctx.repos.messages.updateMedia(row.id, { status: "stored", storageKey });
  return { media: stored!, kind };
}
