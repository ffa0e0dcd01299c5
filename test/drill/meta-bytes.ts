import { signatureFor } from "../../src/simulator/index";
import { signed } from "../bench/payloads";
import type { Posting } from "./webhook-poster";

/** A delivery as Meta posts it: its escaped JSON bytes and their signature. */
export function asMetaPosting(key: string, payload: object, appSecret: string): Posting {
  return { key, ...signed(payload, appSecret) };
}

function keysReversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(keysReversed);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, keysReversed(v)]),
  );
}

/**
 * The same delivery serialised another way (keys in another order, indented, UTF-8 instead of
 * `\u` escapes): the same content under different bytes, so a different body hash. The product
 * must still store its messages once, by wamid.
 */
export function reserialised(key: string, payload: object, appSecret: string): Posting {
  const body = JSON.stringify(keysReversed(payload), null, 2);
  return { key, body, signature: signatureFor(body, appSecret) };
}
