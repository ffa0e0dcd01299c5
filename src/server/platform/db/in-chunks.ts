/**
 * How many parameters one statement may carry here. PostgreSQL takes at most 65,535 (its protocol
 * counts them in 16 bits), and the query builder's recursion runs out of stack on VALUES lists
 * long before that: a statement with a row of parameters per item (a batch's contacts, messages,
 * statuses) is split so that Meta's largest delivery (3 MB, tens of thousands of items) fits.
 */
export const MAX_PARAMETERS_PER_STATEMENT = 20_000;

/**
 * Runs `write` over consecutive slices of `rows`, each within the parameter budget, and returns
 * the results in order. The slices keep the rows' order, so a caller that sorted them to lock in
 * one global order still does. Most batches are one slice: one statement, as before; no rows, no
 * statement.
 */
export async function inChunks<T, R>(
  rows: readonly T[],
  parametersPerRow: number,
  write: (chunk: T[]) => Promise<R[]>,
): Promise<R[]> {
  if (rows.length === 0) return [];
  const size = Math.max(1, Math.floor(MAX_PARAMETERS_PER_STATEMENT / parametersPerRow));
  if (rows.length <= size) return write([...rows]);
  const results: R[] = [];
  for (let start = 0; start < rows.length; start += size)
    for (const result of await write(rows.slice(start, start + size))) results.push(result);
  return results;
}

/** The parameters of one row of an insert: one per column given (the others take their default). */
export const columnsGiven = (row: object | undefined): number => (row ? Object.keys(row).length : 1);
