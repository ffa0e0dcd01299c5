import type { Db } from "../../platform/db/client";
import { webhookEventsRepository } from "./webhook-events.repository";

/**
 * What an operator does with dead deliveries (`npm run webhooks:dead`, `npm run webhooks:replay`):
 * deliveries whose processing failed `WEBHOOK_MAX_ATTEMPTS` times are kept, never dropped, and wait
 * for someone to fix the cause (a bug, a constraint) and replay them.
 */
export type DeadDelivery = Awaited<
  ReturnType<ReturnType<typeof webhookEventsRepository>["listDead"]>
>[number];

export function listDeadDeliveries(db: Db, limit = 1000): Promise<DeadDelivery[]> {
  return webhookEventsRepository(db).listDead(limit);
}

/** One line of the list: enough to decide, without the body (it can hold candidates' messages). */
export function deadDeliveryLine(delivery: DeadDelivery): string {
  const at = (date: Date | null) => date?.toISOString() ?? "?";
  return [
    `#${delivery.id}`,
    `received ${at(delivery.receivedAt)}`,
    `dead ${at(delivery.deadAt)}`,
    `${delivery.attempts} attempts`,
    `${delivery.bytes} bytes`,
    delivery.error ?? "(no error recorded)",
  ].join("  ");
}

export type ReplayTarget = number[] | "dead";

/** `--dead`, or delivery ids: what to replay, or why the arguments say neither. */
export function replayTargetOf(args: string[]): ReplayTarget | { error: string } {
  if (args.length === 1 && args[0] === "--dead") return "dead";
  if (args.length > 0 && args.every((arg) => /^\d{1,15}$/.test(arg))) return args.map(Number);
  return { error: "give delivery ids (as listed by `npm run webhooks:dead`) or --dead" };
}

export interface ReplayOutcome {
  replayed: number[];
  /** The ids given that were not dead, in the order given, each with why. */
  refused: { id: number; reason: string }[];
}

/**
 * Makes dead deliveries due again, one more attempt each, and wakes the workers. Only dead ones:
 * a pending delivery is already retried, and a processed one must not be processed twice.
 */
export async function replayDeliveries(db: Db, target: ReplayTarget): Promise<ReplayOutcome> {
  const deliveries = webhookEventsRepository(db);
  const replayed = await deliveries.replayDead(target === "dead" ? "all" : target);
  if (replayed.length > 0) await deliveries.notifyStored();
  if (target === "dead") return { replayed, refused: [] };
  const done = new Set(replayed);
  const states = new Map(
    (await deliveries.statesOf(target.filter((id) => !done.has(id)))).map((s) => [s.id, s]),
  );
  const refused = target
    .filter((id) => !done.has(id))
    .map((id) => {
      const state = states.get(id);
      const reason = !state
        ? "no such delivery"
        : state.processedAt
          ? "already processed"
          : "not dead: it is still being retried";
      return { id, reason };
    });
  return { replayed, refused };
}
