import { mayNeedStorableJson, storableJson } from "../../platform/db/storable-text";

/** Meta's webhook envelope (meta-platform.md §4.4); everything is optional because input is untrusted. */
export interface MetaChange {
  field?: string;
  value?: Record<string, unknown> & {
    metadata?: { phone_number_id?: string; display_phone_number?: string };
  };
}

export interface MetaEntry {
  id?: string;
  time?: number;
  changes?: MetaChange[];
}

export interface MetaDelivery {
  object?: string;
  entry?: MetaEntry[];
}

export type ParsedDelivery = { ok: true; delivery: MetaDelivery } | { ok: false; error: string };

/**
 * Parses the stored body; a malformed one is reported, never thrown (it would only fail again).
 * This is where Meta's JSON becomes data the handlers store: every string in it is made storable
 * here (`storableText`), so no handler can meet a value PostgreSQL refuses. A raw NUL byte (never
 * valid in JSON, and never sent by Meta) is dropped before parsing, so that the rest is read; the
 * stored delivery keeps it.
 */
export function parseDelivery(body: string): ParsedDelivery {
  const json = body.includes("\0") ? body.replaceAll("\0", "") : body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
    if (mayNeedStorableJson(json)) parsed = storableJson(parsed);
  } catch (error) {
    // Deeper than the stack goes: JSON.parse reads it, walking it would not.
    if (error instanceof RangeError) return { ok: false, error: "JSON nested too deeply to read" };
    return { ok: false, error: "malformed JSON" };
  }
  if (!parsed || typeof parsed !== "object" || !Array.isArray((parsed as MetaDelivery).entry)) {
    return { ok: false, error: "not a webhook envelope (no entry array)" };
  }
  const delivery = parsed as MetaDelivery;
  if (delivery.object !== "whatsapp_business_account") {
    return { ok: false, error: `unexpected object ${JSON.stringify(delivery.object)}` };
  }
  return { ok: true, delivery };
}
