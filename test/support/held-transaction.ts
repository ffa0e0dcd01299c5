import type { Db } from "../../src/server/platform/db/client";

/**
 * A transaction that runs `work` and then stays open until `commit` is called: what a slow batch or
 * a colleague's unfinished change looks like to a concurrent one. `ready` resolves once `work` ran.
 */
export function heldTransaction(db: Db, work: (tx: Db) => Promise<unknown>) {
  let commit!: () => void;
  const held = new Promise<void>((resolve) => {
    commit = resolve;
  });
  let started!: () => void;
  const ready = new Promise<void>((resolve) => {
    started = resolve;
  });
  const done = db.transaction(async (tx) => {
    const result = await work(tx);
    started();
    await held;
    return result;
  });
  return { ready, commit, done };
}
