/**
 * Meta's ids (wamids, wa_ids, BSUIDs) are a few dozen characters. A longer one is not Meta's, and
 * it would not fit a PostgreSQL index entry (about 2,700 bytes): one such message would fail the
 * statement storing its whole batch. Such a message or status is left out (its delivery keeps it).
 */
export const isMetaId = (value: unknown): value is string =>
  typeof value === "string" && value.length > 0 && value.length <= 256;

/**
 * Meta's times are Unix seconds as a string. Anything else, or a time too far for a date to hold
 * (JavaScript's range, inside PostgreSQL's), reads as the time of receipt rather than failing the batch.
 */
export function metaTime(timestamp: unknown): Date {
  const at =
    typeof timestamp === "string" && /^\d+$/.test(timestamp) ? new Date(Number(timestamp) * 1000) : null;
  return at && !Number.isNaN(at.getTime()) ? at : new Date();
}
