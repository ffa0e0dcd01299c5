import type { Locale } from "../../i18n/locale";

const NBSP = "\u00a0";

/** Each language's short units: seconds, minutes, hours, days. */
const UNITS: Record<Locale, { s: string; min: string; h: string; d: string }> = {
  fr: { s: "s", min: "min", h: "h", d: "j" },
  en: { s: "s", min: "min", h: "h", d: "d" },
  ar: { s: "ث", min: "د", h: "س", d: "ي" },
};

/**
 * A duration as people say it: `45 s`, `4 min`, `2 h 05`, `3 j 4 h` (French; English and Arabic
 * alike with their units). Minutes are rounded to the nearest; under a minute, seconds. No-break
 * spaces keep a figure with its unit; null (nothing measured) is a dash.
 */
export function formatDuration(locale: Locale, seconds: number | null): string {
  if (seconds === null) return "—";
  const u = UNITS[locale];
  if (seconds < 59.5) return `${Math.round(seconds)}${NBSP}${u.s}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}${NBSP}${u.min}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}${NBSP}${u.h}${NBSP}${String(minutes % 60).padStart(2, "0")}`;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest === 0 ? `${days}${NBSP}${u.d}` : `${days}${NBSP}${u.d}${NBSP}${rest}${NBSP}${u.h}`;
}
