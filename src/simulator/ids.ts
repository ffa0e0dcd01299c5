import { createHash, randomBytes, randomInt } from "node:crypto";

const issued = new Set<string>();

/**
 * A numeric Graph object id (16 digits like Meta's), unique within this process. Below 2^53 as
 * Meta's are: some ids (a template's in its webhooks) travel as JSON numbers, and a larger one
 * would reach the product rounded to another id.
 */
export function newObjectId(): string {
  for (;;) {
    const id = String(randomInt(100_000_000, 900_000_000)) + String(randomInt(1_000_000, 9_999_999));
    if (!issued.has(id)) {
      issued.add(id);
      return id;
    }
  }
}

/** Registers ids loaded from disk so new ones never collide with them. */
export function reserveIds(ids: Iterable<string>): void {
  for (const id of ids) issued.add(id);
}

/**
 * A WhatsApp message id. Real ids are base64 of a small protobuf that carries the recipient's
 * wa_id; we mimic the layout so ids look and sort like Meta's (`wamid.HBgM...`).
 */
export function newWamid(waId: string): string {
  const inner = Buffer.concat([
    Buffer.from([0x18, waId.length]),
    Buffer.from(waId),
    Buffer.from([0x15, 0x02, 0x00, 0x11, 0x18, 0x12]),
    Buffer.from(randomBytes(9).toString("hex").toUpperCase()),
    Buffer.from([0x00]),
  ]);
  return `wamid.${inner.toString("base64")}`;
}

export function newFbtraceId(): string {
  return `A${randomBytes(17).toString("base64url").slice(0, 22)}`;
}

/** Opaque access token in Meta's style (EAA prefix, variable length). */
export function newAccessToken(): string {
  return `EAA${randomBytes(24).toString("base64url")}${randomBytes(randomInt(8, 40)).toString("base64url")}`;
}

export function newCode(): string {
  return `AQ${randomBytes(48).toString("base64url")}`;
}

/** Base64 SHA-256, the form Meta uses in media objects and webhooks. */
export function sha256Base64(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("base64");
}
