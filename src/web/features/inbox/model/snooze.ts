/** The snooze presets offered in the chat header, in local time. */
export type SnoozePreset = { key: "inOneHour" | "tonight" | "tomorrow" | "nextWeek"; at: Date };

const at = (base: Date, days: number, hours: number) => {
  const date = new Date(base);
  date.setDate(date.getDate() + days);
  date.setHours(hours, 0, 0, 0);
  return date;
};

/**
 * In an hour; this evening at 18:00 (before 17:00 only); tomorrow at 9:00; next Monday at 9:00
 * (a week on, if today is Monday).
 */
export function snoozePresets(now: Date): SnoozePreset[] {
  const presets: SnoozePreset[] = [{ key: "inOneHour", at: new Date(now.getTime() + 3_600_000) }];
  if (now.getHours() < 17) presets.push({ key: "tonight", at: at(now, 0, 18) });
  presets.push({ key: "tomorrow", at: at(now, 1, 9) });
  const toMonday = (8 - now.getDay()) % 7 || 7;
  presets.push({ key: "nextWeek", at: at(now, toMonday, 9) });
  return presets;
}

/** A `datetime-local` input's value for a moment (local time, to the minute). */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
