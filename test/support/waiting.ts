/**
 * How long a test waits for something on its way (a job, a webhook, an event, a page update)
 * before it fails. Generous on purpose: on a 2-core machine loaded 10 to 14 runnable processes per
 * core, work that takes a second on a quiet one has taken over a minute. A passing test never
 * waits the whole of it: the figure only decides how long a broken test takes to say what it saw.
 */
export const PATIENCE_MS = 120_000;

/**
 * How long a whole test (or hook) may run before it counts as hung: a guard, not a measure of
 * speed. Integration tests that take 10 s on a quiet machine have taken 110 s on a loaded one.
 */
export const TEST_BUDGET_MS = 300_000;

/**
 * Waits until `check` returns a value (polling), or fails with what was last seen. The polls slow
 * down as the wait goes on (up to twice a second): on a loaded machine a fast poll takes CPU from
 * the very work it waits for.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = PATIENCE_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (let pause = 100; ; pause = Math.min(pause * 1.5, 500)) {
    last = await check();
    if (last) return last as T;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Waits until no job named `name` whose payload contains `data` is waiting, retrying or running.
 * What a test asserts did *not* happen (a second send, a job run twice) is checked after this:
 * once the jobs that could have done it have ended, waiting longer would show nothing more.
 */
export async function jobsSettled(
  database: Queryable,
  name: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  let open: unknown[] = [];
  await eventually(async () => {
    ({ rows: open } = await database.query(
      `SELECT id, state, retry_count FROM pgboss.job
        WHERE name = $1 AND data @> $2::jsonb AND state IN ('created', 'retry', 'active')`,
      [name, JSON.stringify(data)],
    ));
    return open.length === 0;
  }).catch((error: unknown) => {
    throw new Error(`${name} jobs still open: ${JSON.stringify(open)}`, { cause: error });
  });
}
