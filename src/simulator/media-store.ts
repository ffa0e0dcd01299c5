import { createHmac } from "node:crypto";
import type { SimContext } from "./context";
import { newObjectId, sha256Base64 } from "./ids";
import type { MediaObject } from "./state";

/** Accepted MIME types and size limits by kind, from Meta's media reference. */
export const MEDIA_LIMITS: Record<string, { kind: string; maxBytes: number }> = {
  "audio/aac": { kind: "audio", maxBytes: 16e6 },
  "audio/amr": { kind: "audio", maxBytes: 16e6 },
  "audio/mpeg": { kind: "audio", maxBytes: 16e6 },
  "audio/mp4": { kind: "audio", maxBytes: 16e6 },
  "audio/ogg": { kind: "audio", maxBytes: 16e6 },
  "text/plain": { kind: "document", maxBytes: 100e6 },
  "application/pdf": { kind: "document", maxBytes: 100e6 },
  "application/msword": { kind: "document", maxBytes: 100e6 },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
    kind: "document",
    maxBytes: 100e6,
  },
  "application/vnd.ms-excel": { kind: "document", maxBytes: 100e6 },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { kind: "document", maxBytes: 100e6 },
  "application/vnd.ms-powerpoint": { kind: "document", maxBytes: 100e6 },
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": {
    kind: "document",
    maxBytes: 100e6,
  },
  "image/jpeg": { kind: "image", maxBytes: 5e6 },
  "image/png": { kind: "image", maxBytes: 5e6 },
  "image/webp": { kind: "sticker", maxBytes: 500e3 },
  "video/mp4": { kind: "video", maxBytes: 16e6 },
  "video/3gpp": { kind: "video", maxBytes: 16e6 },
};

/** The MIME type without parameters (`audio/ogg; codecs=opus` → `audio/ogg`). */
export const baseMime = (mime: string) => mime.split(";")[0]?.trim().toLowerCase() ?? "";

export function storeMedia(
  ctx: SimContext,
  input: { wabaId: string; phoneNumberId: string; mimeType: string; bytes: Buffer; filename?: string | null },
): MediaObject {
  const media: MediaObject = {
    id: newObjectId(),
    wabaId: input.wabaId,
    phoneNumberId: input.phoneNumberId,
    mimeType: input.mimeType,
    sha256: sha256Base64(input.bytes),
    fileSize: input.bytes.length,
    filename: input.filename ?? null,
    dataBase64: input.bytes.toString("base64"),
    createdAt: ctx.clock.now(),
  };
  ctx.state.media.push(media);
  ctx.persist();
  return media;
}

function urlHash(ctx: SimContext, mediaId: string, expiresAt: number): string {
  return createHmac("sha256", ctx.options.appSecret)
    .update(`${mediaId}:${expiresAt}`)
    .digest("hex")
    .slice(0, 32);
}

/** A download URL in lookaside's shape; it needs the bearer token and dies after `mediaUrlTtlMs`. */
export function mediaUrl(ctx: SimContext, media: MediaObject, origin?: string): string {
  const expiresAt = ctx.clock.now() + ctx.options.mediaUrlTtlMs;
  const query = new URLSearchParams({
    mid: media.id,
    ext: String(expiresAt),
    hash: urlHash(ctx, media.id, expiresAt),
  });
  return `${ctx.baseUrl(origin)}/lookaside/whatsapp_business/attachments/?${query}`;
}

/** Checks a download URL's signature and age; returns the media or a reason. */
export function checkMediaUrl(
  ctx: SimContext,
  query: { mid?: string; ext?: string; hash?: string },
): MediaObject | "not_found" | "expired" {
  const media = ctx.state.media.find((m) => m.id === query.mid);
  const expiresAt = Number(query.ext);
  if (!media || !query.hash || query.hash !== urlHash(ctx, media.id, expiresAt)) return "not_found";
  if (ctx.clock.now() > expiresAt) return "expired";
  return media;
}

/** A tiny valid file per kind, used when an injected inbound message brings no bytes. */
export function sampleMedia(kind: string): { mimeType: string; bytes: Buffer; filename?: string } {
  switch (kind) {
    case "image":
      return {
        mimeType: "image/png",
        bytes: Buffer.from(
          "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
          "base64",
        ),
      };
    case "sticker":
      return {
        mimeType: "image/webp",
        bytes: Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64"),
      };
    case "audio":
      return { mimeType: "audio/ogg; codecs=opus", bytes: Buffer.from("OggS\0simulated voice note") };
    case "video":
      return { mimeType: "video/mp4", bytes: Buffer.from("\0\0\0\x18ftypmp42simulated video") };
    default:
      return {
        mimeType: "application/pdf",
        bytes: Buffer.from("%PDF-1.4\n% simulated CV\n%%EOF\n"),
        filename: "CV.pdf",
      };
  }
}
