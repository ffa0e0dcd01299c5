import type { ServerDeps } from "../../../deps";
import type { MessageRow } from "../messages.repository";
import { type QueuedSend, storeQueuedSends } from "./queued-sends";

interface Waiting {
  send: QueuedSend;
  resolve: (row: MessageRow) => void;
  reject: (error: unknown) => void;
}

/**
 * Stores checked sends with a group commit per client, as the webhook intake stores deliveries:
 * while one client's group is being written, that client's next sends queue up and go together in
 * the next transaction. At a trickle each send is written at once (no timer, no added wait); under
 * a burst one transaction, one portfolio lock and a few set-based statements serve dozens of
 * requests. A send refused on its own (the messaging limit, a reused idempotency key) fails alone;
 * if a whole group fails, its sends are tried one by one so that one cannot fail its neighbours.
 *
 * A send made inside its caller's open transaction (an away reply and its claim) is written at
 * once in that transaction, never grouped: a group's own transaction would wait for the row locks
 * the caller holds while the caller waits for the group, and neither would ever end.
 */
export class SendIntake {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly writing = new Set<string>();

  constructor(
    private readonly storeMany: (sends: QueuedSend[]) => Promise<(MessageRow | Error)[]> = storeQueuedSends,
    private readonly maxGroup = 200,
  ) {}

  /** Resolves with the stored message once its transaction has committed. */
  store(send: QueuedSend): Promise<MessageRow> {
    if (send.ctx.withinTransaction) return this.storeAlone(send);
    const clientId = send.ctx.clientId;
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(clientId) ?? [];
      queue.push({ send, resolve, reject });
      this.waiting.set(clientId, queue);
      if (!this.writing.has(clientId)) void this.writeWaiting(clientId);
    });
  }

  private async storeAlone(send: QueuedSend): Promise<MessageRow> {
    const [outcome] = await this.storeMany([send]);
    if (outcome instanceof Error) throw outcome;
    return outcome!;
  }

  private async writeWaiting(clientId: string): Promise<void> {
    this.writing.add(clientId);
    for (let queue = this.waiting.get(clientId); queue?.length; queue = this.waiting.get(clientId)) {
      const group = queue.splice(0, this.maxGroup);
      if (queue.length === 0) this.waiting.delete(clientId);
      try {
        settle(group, await this.storeMany(group.map((item) => item.send)));
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error);
        else
          for (const item of group)
            await this.storeMany([item.send]).then((outcomes) => settle([item], outcomes), item.reject);
      }
    }
    this.writing.delete(clientId);
  }
}

function settle(group: Waiting[], outcomes: (MessageRow | Error)[]) {
  for (const [i, item] of group.entries()) {
    const outcome = outcomes[i]!;
    if (outcome instanceof Error) item.reject(outcome);
    else item.resolve(outcome);
  }
}

/** One intake per running server (its own database), made on first use. */
const intakes = new WeakMap<ServerDeps, SendIntake>();

export function sendIntakeOf(deps: ServerDeps): SendIntake {
  let intake = intakes.get(deps);
  if (!intake) {
    intake = new SendIntake();
    intakes.set(deps, intake);
  }
  return intake;
}
