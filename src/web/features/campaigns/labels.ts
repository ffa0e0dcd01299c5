/** `MARKETING` → `Marketing` in the interface's language (an unknown category as Meta names it). */
export function categoryLabel(tc: { categories: Record<string, string> }, category: string): string {
  return tc.categories[category.toUpperCase()] ?? category;
}

/** `fr` → `Français` in the interface's language. */
export function languageName(code: string, uiLocale: string): string {
  try {
    return new Intl.DisplayNames([uiLocale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}
