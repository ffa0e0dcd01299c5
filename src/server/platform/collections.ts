/** Items grouped by key, each group in the items' order. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) appendTo(groups, keyOf(item), [item]);
  return groups;
}

/** Adds items to the list kept under `key`, in place (a batch appends hundreds: no copies). */
export function appendTo<T>(lists: Map<string, T[]>, key: string, items: T[]): void {
  if (items.length === 0) return;
  const list = lists.get(key);
  if (list) list.push(...items);
  else lists.set(key, [...items]);
}

/**
 * Strings in code-unit order, the same in every process (unlike `localeCompare`): batches that
 * lock rows in this order lock them in the same order, and cannot deadlock each other.
 */
export const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The items in consecutive slices of at most `size` (statements have a parameter limit). */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** One value per owner object, made on first use and gone with it (a running server's own state). */
export function onePer<K extends object, T>(make: () => T): (owner: K) => T {
  const made = new WeakMap<K, T>();
  return (owner) => {
    let value = made.get(owner);
    if (value === undefined) {
      value = make();
      made.set(owner, value);
    }
    return value;
  };
}
