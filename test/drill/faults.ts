import { setTimeout as sleep } from "node:timers/promises";
import type { PostgresCluster } from "./postgres-cluster";
import type { SimulatorControl } from "./simulator-control";
import type { ProductSupervisor } from "./supervisor";

/** A fault's end (epoch ms), from which recovery is measured, and what happened during it. */
export interface FaultEnd {
  endedAt: number;
  notes: string[];
}

/**
 * `kill -9` of the product, then started again at once, as a supervisor would. The fault ends
 * when the new process is launched: its start-up is part of the recovery. `beforeRestart` runs
 * between the two (to see what the dead process left in flight).
 */
export async function crashProduct(
  supervisor: ProductSupervisor,
  beforeRestart: () => Promise<void>,
): Promise<FaultEnd> {
  return { endedAt: await supervisor.killAndRestart(beforeRestart), notes: [] };
}

/**
 * PostgreSQL stopped at once (`-m immediate`: connections cut, no checkpoint), left down for
 * `seconds`, then started again (WAL replay). The fault ends when it accepts connections again.
 */
export async function stopPostgres(cluster: PostgresCluster, seconds: number): Promise<FaultEnd> {
  cluster.stopImmediately();
  await sleep(seconds * 1000);
  const starting = Date.now();
  cluster.start();
  const endedAt = Date.now();
  return { endedAt, notes: [`PostgreSQL took ${((endedAt - starting) / 1000).toFixed(1)} s to start again`] };
}

/**
 * Meta failing sends for `seconds`: a third answering 5xx, a third hanging (the product's call
 * times out or gets a late 503), a third refusing each send with 131000 ("Something went wrong",
 * retryable). The fault ends when the outage is off and the last queued 131000 is used up.
 */
export async function failSends(control: SimulatorControl, seconds: number): Promise<FaultEnd> {
  const third = (seconds * 1000) / 3;
  await control.outage("error");
  await sleep(third);
  await control.outage("timeout");
  await sleep(third);
  await control.outage("off");
  const until = Date.now() + third;
  let injected = 0;
  while (Date.now() < until) {
    // One at a time, topped up as soon as it is used: at most one is left when the phase ends.
    if ((await control.queuedFailures()) === 0) {
      await control.failNext(131000, 1);
      injected += 1;
    }
    await sleep(50);
  }
  const drainLimit = Date.now() + 20_000;
  while ((await control.queuedFailures()) > 0 && Date.now() < drainLimit) await sleep(100);
  const left = await control.queuedFailures();
  return {
    endedAt: Date.now(),
    notes: [
      `${injected} sends refused with 131000${left > 0 ? `; ${left} refusals still queued at the fault's end` : ""}`,
    ],
  };
}
