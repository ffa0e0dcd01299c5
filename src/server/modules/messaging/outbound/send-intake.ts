import type { ServerDeps } from "../../../deps";
import { onePer } from "../../../platform/collections";
import { GroupedWrites } from "../../../platform/grouped-writes";
import type { MessageRow } from "../messages.repository";
import { type QueuedSend, storeQueuedSends } from "./queued-sends";

/**
 * Stores checked sends with a group commit per client (`GroupedWrites`), as the webhook intake
 * stores deliveries: one transaction, one portfolio lock and a few set-based statements serve the
 * sends that arrived while the client's previous group was written. A send refused on its own (the
 * messaging limit, a reused idempotency key) fails alone.
 *
 * A send made inside its caller's open transaction (an away reply and its claim) is written at
 * once in that transaction, never grouped: a group's own transaction would wait for the row locks
 * the caller holds while the caller waits for the group, and neither would ever end.
 */
export class SendIntake {
  private readonly groups: GroupedWrites<QueuedSend, MessageRow>;

  constructor(
    storeMany: (sends: QueuedSend[]) => Promise<(MessageRow | Error)[]> = storeQueuedSends,
    maxGroup = 200,
  ) {
    this.groups = new GroupedWrites(storeMany, maxGroup);
  }

  /** Resolves with the stored message once its transaction has committed. */
  store(send: QueuedSend): Promise<MessageRow> {
    if (send.ctx.withinTransaction) return this.groups.writeAlone(send);
    return this.groups.write(send.ctx.clientId, send);
  }
}

/** One intake per running server (its own database), made on first use. */
export const sendIntakeOf = onePer<ServerDeps, SendIntake>(() => new SendIntake());
