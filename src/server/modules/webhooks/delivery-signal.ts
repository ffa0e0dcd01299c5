import type { Config } from "../../platform/config";
import type { Database } from "../../platform/db/client";
import { PgListener } from "../../platform/db/pg-listener";
import type { Logger } from "../../platform/logger";
import { WEBHOOK_DELIVERIES_CHANNEL, webhookEventsRepository } from "./webhook-events.repository";

/**
 * How stored deliveries reach the processing loops at once instead of at their next poll: in the
 * same process, a direct call; across processes (`ROLE=web` and `ROLE=worker`), a NOTIFY that the
 * workers LISTEN for. Notifications asked for while one is being sent are folded into one more.
 */
export function deliverySignal(
  config: Config,
  database: Database,
  log: Logger,
  wakeLocalProcessor: () => void,
) {
  if (config.role !== "web" || database.kind !== "postgres") return wakeLocalProcessor;
  let isSending = false;
  let isAskedAgain = false;
  const send = async () => {
    isSending = true;
    do {
      isAskedAgain = false;
      await webhookEventsRepository(database.db)
        .notifyStored()
        .catch((error: unknown) => log.warn({ err: error }, "could not notify workers; they will poll"));
    } while (isAskedAgain);
    isSending = false;
  };
  return () => {
    if (isSending) isAskedAgain = true;
    else void send();
  };
}

/** In a `ROLE=worker` process on PostgreSQL, wakes the processing loops when a web process stored deliveries. */
export async function listenForDeliveries(
  config: Config,
  log: Logger,
  wake: () => void,
): Promise<{ close(): Promise<void> } | null> {
  if (config.role !== "worker" || config.db.kind !== "postgres") return null;
  const listener = new PgListener(config.db.url, log, {
    channel: WEBHOOK_DELIVERIES_CHANNEL,
    applicationName: "linkojob-webhook-listener",
    onPayload: wake,
    onReconnect: wake, // a delivery stored meanwhile is found by the poll anyway; look now
  });
  await listener.start();
  return listener;
}
