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

/** Parses the stored body; a malformed one is reported, never thrown (it would only fail again). */
export function parseDelivery(rawBody: string): ParsedDelivery {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
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
