import { INTL_LOCALE, type Locale } from "./locale";

/** Locale-bound formatters; Intl output carries U+200F/U+202F, so callers isolate it and tests never compare it. */
export interface Formatters {
  number(value: number): string;
  /** `14 mars 2026` / `14 مارس 2026`. */
  date(iso: string): string;
  /** `14 mars 2026, 15:05`. */
  dateTime(iso: string): string;
  /** A wait such as `30 secondes` or `2 minutes`, rounded up to whole minutes past 90 s. */
  waitDuration(seconds: number): string;
}

/** Builds the formatters for one locale; create once per locale change, not per render. */
export function createFormatters(locale: Locale): Formatters {
  const tag = INTL_LOCALE[locale];
  const numberFormat = new Intl.NumberFormat(tag);
  const dateFormat = new Intl.DateTimeFormat(tag, { day: "numeric", month: "long", year: "numeric" });
  const dateTimeFormat = new Intl.DateTimeFormat(tag, {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const seconds = new Intl.NumberFormat(tag, { style: "unit", unit: "second", unitDisplay: "long" });
  const minutes = new Intl.NumberFormat(tag, { style: "unit", unit: "minute", unitDisplay: "long" });
  return {
    number: (value) => numberFormat.format(value),
    date: (iso) => dateFormat.format(new Date(iso)),
    dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
    waitDuration: (value) =>
      value <= 90 ? seconds.format(Math.max(1, Math.ceil(value))) : minutes.format(Math.ceil(value / 60)),
  };
}

const moneyFormats = new Map<Locale, Intl.NumberFormat>();

/** `19,20 MAD` (fr-MA), `MAD 19.20` (en-GB): amounts in dirhams, isolated by the caller. */
export function formatMad(locale: Locale, amount: number): string {
  let format = moneyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], {
      style: "currency",
      currency: "MAD",
      currencyDisplay: "code",
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    moneyFormats.set(locale, format);
  }
  return format.format(amount);
}

/** Left-to-right isolate: a `+212 6…` number or `0,40 MAD` inside a sentence keeps its order in Arabic text. */
export function isolateLtr(text: string): string {
  return `\u2066${text}\u2069`;
}
