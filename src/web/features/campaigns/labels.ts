/** `MARKETING` → `Marketing` in the interface's language (an unknown category as Meta names it). */
export function categoryLabel(tc: { categories: Record<string, string> }, category: string): string {
  return tc.categories[category.toUpperCase()] ?? category;
}

/**
 * A start as the client's recruiters read it: the wall-clock date and time of the client's time zone
 * as the server gave it (`2026-06-01T09:30`), in the interface's language. The browser's own zone
 * data is not used (it may differ from the server's); the caller names the zone.
 */
export function wallTimeLabel(wallTime: string, locale: string): string {
  const [date = "", time = ""] = wallTime.split("T");
  const [y, m, d] = date.split("-").map(Number);
  const [h, min] = time.split(":").map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, h ?? 0, min ?? 0)),
  );
}
