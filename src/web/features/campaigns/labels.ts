/** `MARKETING` → `Marketing` in the interface's language (an unknown category as Meta names it). */
export function categoryLabel(tc: { categories: Record<string, string> }, category: string): string {
  return tc.categories[category.toUpperCase()] ?? category;
}
