import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Exactly `sha256=` and 64 hex digits, nothing around them: `Buffer.from(hex, "hex")` stops at the
 * first character that is not hex, so without this shape check a signature followed by anything
 * (`…zz`, a second value) would still compare equal.
 */
const SIGNATURE_HEADER = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Checks `X-Hub-Signature-256: sha256=<hex>` against an HMAC-SHA256 of the exact bytes received,
 * keyed with the app secret, in constant time. Meta signs the payload as sent (non-ASCII escaped
 * as \uXXXX), so the bytes are never re-serialised before this check.
 */
export function isValidSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const hex = header === undefined ? undefined : SIGNATURE_HEADER.exec(header)?.[1];
  if (!hex) return false;
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(hex, "hex"), expected);
}
