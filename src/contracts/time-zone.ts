// Dates and times as a client's recruiters give them: a wall-clock time in the client's time zone
// (Africa/Casablanca by default), turned into an instant and back. Free of zod, shared by the server
// (a campaign's schedule) and the dashboard (the date picker's default, the schedule shown).

export const DEFAULT_TIME_ZONE = "Africa/Casablanca";

/** Whether the runtime knows this IANA time zone. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of an instant in a time zone. */
function wallFields(instant: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour") % 24,
    minute: get("minute"),
    second: get("second"),
  };
}

/** How far the zone's clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const f = wallFields(instant, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** `2026-06-01T09:30` (or `…T09:30:15`) in `Africa/Casablanca` → the instant it names (daylight saving included). */
export function wallTimeToInstant(local: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) throw new RangeError(`not a date and time: ${local}`);
  const [, y, m, d, h, min, sec] = match.map((part) => Number(part ?? 0)) as number[];
  const asUtc = Date.UTC(y!, m! - 1, d!, h!, min!, sec!);
  // Two passes settle an instant near a change of offset.
  let instant = asUtc - offsetAt(asUtc, timeZone);
  instant = asUtc - offsetAt(instant, timeZone);
  return new Date(instant);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** An instant as the wall-clock `YYYY-MM-DDTHH:mm` of a time zone (a datetime-local input's value). */
export function instantToWallTime(instant: Date | number, timeZone: string): string {
  const f = wallFields(typeof instant === "number" ? instant : instant.getTime(), timeZone);
  return `${f.year}-${pad(f.month)}-${pad(f.day)}T${pad(f.hour)}:${pad(f.minute)}`;
}

/** The same with seconds: `YYYY-MM-DDTHH:mm:ss`. */
export function instantToWallTimeWithSeconds(instant: Date | number, timeZone: string): string {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  return `${instantToWallTime(ms, timeZone)}:${pad(wallFields(ms, timeZone).second)}`;
}
