/**
 * A stored delivery's candidate key: its number and the candidate it is about, hashed to an int4,
 * read from the raw bytes at intake without parsing them (the intake answers before any parse).
 *
 * Why. Two processing loops that take deliveries of one candidate at once wait for each other's
 * row locks (the candidate, the chat, the messages whose statuses arrive in separate deliveries):
 * a third of the database's time in the ingest bench. The claim (`webhook_events_claim`, migration
 * 0037) takes a transaction lock on each delivery's key and skips the ones another batch holds, so
 * a candidate's rows are only ever written by one batch at a time. Null when the bytes name no
 * candidate (a template's or an account's update): such a delivery is taken by any batch, as before.
 * Only the first candidate of a delivery is keyed; a delivery about several is still processed
 * correctly, it may only wait as before.
 */
export function candidateKeyOf(body: Buffer): number | null {
  const number = stringAfter(body, PHONE_NUMBER_ID);
  if (number === null) return null;
  // The candidate as the sender's contact (`wa_id`) or a status's recipient, whichever comes first;
  // `from` only without either: a reply's `context` carries a `from` too, the business's own number,
  // which Meta may write before the message's.
  const named = [WA_ID, RECIPIENT_ID]
    .map((name) => [name, body.indexOf(name)] as const)
    .filter(([, at]) => at >= 0);
  const [name, at] = named.sort((a, b) => a[1] - b[1])[0] ?? [FROM, body.indexOf(FROM)];
  if (at < 0) return null;
  const candidate = stringAt(body, at + name.length);
  return candidate === null ? null : fnv1a(`${number}:${candidate}`);
}

const PHONE_NUMBER_ID = Buffer.from('"phone_number_id"');
const WA_ID = Buffer.from('"wa_id"');
const RECIPIENT_ID = Buffer.from('"recipient_id"');
const FROM = Buffer.from('"from"');
/** Long enough for any number or WhatsApp id (a BSUID included); a longer value is not keyed. */
const MAX_VALUE = 128;

function stringAfter(body: Buffer, name: Buffer): string | null {
  const at = body.indexOf(name);
  return at < 0 ? null : stringAt(body, at + name.length);
}

/** The JSON string after a member's name: `:`, optional whitespace, then `"…"` without escapes. */
function stringAt(body: Buffer, from: number): string | null {
  let i = from;
  while (i < body.length && isSpace(body[i]!)) i++;
  if (body[i] !== COLON) return null;
  i++;
  while (i < body.length && isSpace(body[i]!)) i++;
  if (body[i] !== QUOTE) return null;
  const end = body.indexOf(QUOTE, i + 1);
  if (end < 0 || end - i - 1 > MAX_VALUE) return null;
  const value = body.toString("latin1", i + 1, end);
  return value.length === 0 || value.includes("\\") ? null : value;
}

const COLON = 0x3a;
const QUOTE = 0x22;
const isSpace = (byte: number) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/** FNV-1a, 32 bits, as a signed int4 (PostgreSQL's `integer`). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}
