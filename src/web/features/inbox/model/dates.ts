import { INTL_LOCALE, type Locale } from "../../../i18n/locale";

/** Formats the inbox needs, bound to one locale; create once per locale, not per row. */
export interface InboxFormat {
  /** `15:05`. */
  time(iso: string): string;
  /** The list's time: `15:05` today, `Hier`, a weekday within a week, else `14/03/2026`. */
  listTime(iso: string, now: number): string;
  /** The day chip: `Aujourd’hui`, `Hier`, `Mardi` within a week, else `14 mars 2026`. */
  day(iso: string, now: number): string;
  /** `14 mars 2026, 15:05` for tooltips. */
  full(iso: string): string;
  /** `245 Ko`, `2,4 Mo`. */
  size(bytes: number): string;
  /** `0:42`, `12:05`. */
  duration(seconds: number): string;
  /** `1 h 40`, `21 h`, `35 min` left in a window. */
  hoursMinutes(minutes: number): { hours: number; minutes: number };
  number(value: number): string;
}

const DAY = 86_400_000;

/** Midnight of a timestamp's local day, to count calendar days rather than 24-hour spans. */
function startOfDay(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Whole calendar days between two instants (0 = same day, 1 = yesterday). */
export function daysBetween(iso: string, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(Date.parse(iso))) / DAY);
}

function capitalise(text: string, locale: Locale): string {
  return locale === "ar" ? text : text.charAt(0).toLocaleUpperCase(INTL_LOCALE[locale]) + text.slice(1);
}

const formats = new Map<Locale, InboxFormat>();

/**
 * The inbox's formatters for a locale, built once per page and shared: building a dozen `Intl`
 * formatters costs about a millisecond, and every bubble, row and header asks for them, so built
 * per component they were most of the time a chat took to open.
 */
export function inboxFormatOf(locale: Locale): InboxFormat {
  let format = formats.get(locale);
  if (!format) {
    format = createInboxFormat(locale);
    formats.set(locale, format);
  }
  return format;
}

export function createInboxFormat(locale: Locale): InboxFormat {
  const tag = INTL_LOCALE[locale];
  const time = new Intl.DateTimeFormat(tag, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const weekday = new Intl.DateTimeFormat(tag, { weekday: "long" });
  const numeric = new Intl.DateTimeFormat(tag, { day: "2-digit", month: "2-digit", year: "numeric" });
  const long = new Intl.DateTimeFormat(tag, { day: "numeric", month: "long", year: "numeric" });
  const full = new Intl.DateTimeFormat(tag, {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const relative = new Intl.RelativeTimeFormat(tag, { numeric: "auto" });
  const kilo = new Intl.NumberFormat(tag, { style: "unit", unit: "kilobyte", maximumFractionDigits: 0 });
  const mega = new Intl.NumberFormat(tag, { style: "unit", unit: "megabyte", maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(tag);

  return {
    time: (iso) => time.format(new Date(iso)),
    listTime(iso, now) {
      const days = daysBetween(iso, now);
      if (days <= 0) return time.format(new Date(iso));
      if (days === 1) return capitalise(relative.format(-1, "day"), locale);
      if (days < 7) return capitalise(weekday.format(new Date(iso)), locale);
      return numeric.format(new Date(iso));
    },
    day(iso, now) {
      const days = daysBetween(iso, now);
      if (days <= 1 && days >= 0) return capitalise(relative.format(-days, "day"), locale);
      if (days > 1 && days < 7) return capitalise(weekday.format(new Date(iso)), locale);
      return long.format(new Date(iso));
    },
    full: (iso) => full.format(new Date(iso)),
    size: (bytes) =>
      bytes < 1_000_000 ? kilo.format(Math.max(1, Math.round(bytes / 1000))) : mega.format(bytes / 1_000_000),
    duration(seconds) {
      const whole = Math.max(0, Math.floor(seconds));
      return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
    },
    hoursMinutes: (minutes) => ({ hours: Math.floor(minutes / 60), minutes: minutes % 60 }),
    number: (value) => number.format(value),
  };
}
