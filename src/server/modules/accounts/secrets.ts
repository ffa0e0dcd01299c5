import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export const randomToken = (bytes = 32) => randomBytes(bytes).toString("base64url");

/** Constant-time string equality (different lengths compare unequal without early exit on content). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

const API_KEY_PATTERN = /^lj_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/**
 * A new key: `<tag>_<prefix>_<secret>`; the prefix finds the row, the whole key's hash proves it.
 * `lj` for a client's API key, `ljop` for an operator credential.
 */
export function generateKey(tag: "lj" | "ljop" = "lj"): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(9)
    .toString("base64url")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "0")
    .slice(0, 12);
  const key = `${tag}_${prefix}_${randomToken(32)}`;
  return { key, prefix, hash: sha256(key) };
}

export const generateApiKey = () => generateKey("lj");

export function parseApiKey(key: string): { prefix: string } | null {
  const match = API_KEY_PATTERN.exec(key);
  return match ? { prefix: match[1]! } : null;
}
