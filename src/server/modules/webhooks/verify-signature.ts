import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Checks `X-Hub-Signature-256: sha256=<hex>` against an HMAC-SHA256 of the exact bytes received,
 * keyed with the app secret, in constant time. Meta signs the payload as sent (non-ASCII escaped
 * as \uXXXX), so the bytes are never re-serialised before this check.
 */
export function isValidSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header?.startsWith("sha256=")) return false;
  const given = Buffer.from(header.slice("sha256=".length).trim().toLowerCase(), "hex");
  const expected = createHmac("sha256", appSecret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
