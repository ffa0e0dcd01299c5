/**
 * Runs `deleteBatch` until it deletes fewer rows than asked, so a purge never holds its locks for
 * long whatever the backlog; returns how many rows went in all.
 */
export async function deleteInBatches(
  deleteBatch: (batchSize: number) => Promise<number>,
  batchSize: number,
): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
