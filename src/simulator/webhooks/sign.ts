import { createHmac } from "node:crypto";

/**
 * Serializes a webhook the way Meta does: JSON with every non-ASCII UTF-16 unit escaped as a
 * lowercase `\uXXXX` (emoji become surrogate pairs). Receivers that hash a re-stringified object
 * instead of these raw bytes get a different signature; that is the trap this reproduces.
 */
export function serializeAsMeta(payload: unknown): string {
  return JSON.stringify(payload).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** `X-Hub-Signature-256` value: `sha256=` + lowercase hex HMAC-SHA256 of the exact bytes sent. */
export function signatureFor(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}
