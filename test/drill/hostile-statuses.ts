import type { DeliveryStatus } from "../../src/contracts/message-status";
import { statusItem } from "../../src/simulator/webhooks/payloads";
import { pricingFor } from "../../src/simulator/webhooks/statuses";
import { type BenchNumber, messagesDelivery } from "../bench/payloads";
import { asMetaPosting } from "./meta-bytes";
import type { Acceptance } from "./meta-sent-log";
import type { Poster } from "./poster-client";
import { type Random, shuffle } from "./random";
import type { Posting } from "./webhook-poster";

const DELIVERY_STATUSES: DeliveryStatus[] = ["sent", "delivered", "read"];
/** Statuses planned within this window of each other go out in one delivery, as Meta batches them. */
const BATCH_MS = 250;
/** The latest a status is posted after Meta accepted its message. */
const MAX_DELAY_MS = 8_000;

interface Planned {
  dueAt: number;
  acceptance: Acceptance;
  status: DeliveryStatus;
}

/**
 * Status deliveries of the drill's own for the messages Meta accepted, on top of the simulator's
 * (sent, delivered, read): for each message a few of sent/delivered/read with repeats, and for a
 * share of them `failed`, each at a random moment in the next 8 s, so they reach the product
 * before, between and after the simulator's, and some before the product has even stored the
 * wamid. Statuses due together go in one delivery, in shuffled order; some deliveries are posted
 * twice. What was reported for each wamid is kept, for the expected final state.
 */
export class HostileStatuses {
  /** Every status the drill reported, by wamid. */
  readonly reported = new Map<string, Set<DeliveryStatus>>();
  deliveries = 0;
  private planned: Planned[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly number: BenchNumber,
    private readonly poster: Poster,
    private readonly appSecret: string,
    private readonly failedShare: number,
    private readonly random: Random,
  ) {}

  plan(accepted: Acceptance[]): void {
    const now = Date.now();
    for (const acceptance of accepted) {
      const statuses: DeliveryStatus[] = [];
      const picks = 1 + Math.floor(this.random() * 4);
      for (let i = 0; i < picks; i += 1)
        statuses.push(DELIVERY_STATUSES[Math.floor(this.random() * DELIVERY_STATUSES.length)]!);
      if (this.random() < this.failedShare) statuses.push("failed");
      const reported = this.reported.get(acceptance.wamid) ?? new Set();
      this.reported.set(acceptance.wamid, reported);
      for (const status of statuses) {
        reported.add(status);
        this.planned.push({ dueAt: now + this.random() * MAX_DELAY_MS, acceptance, status });
      }
    }
  }

  /** Statuses planned and not posted yet. */
  get pending(): number {
    return this.planned.length;
  }

  start(): void {
    this.timer = setInterval(() => void this.postDue(), BATCH_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Posts whatever is due now; `all` posts everything left (the end of the run). */
  async postDue(all = false): Promise<void> {
    const now = Date.now();
    const due = this.planned.filter((p) => all || p.dueAt <= now);
    if (due.length === 0) return;
    this.planned = this.planned.filter((p) => !(all || p.dueAt <= now));
    const items = shuffle(due, this.random).map(({ acceptance, status }) =>
      statusItem({
        wamid: acceptance.wamid,
        status,
        at: now,
        recipientId: acceptance.to.replace(/\D/g, ""),
        bizOpaqueCallbackData: acceptance.messageId,
        pricing:
          status === "sent" || status === "delivered" ? pricingFor("utility", false, Date.now()) : undefined,
        error: status === "failed" ? { code: 131026 } : undefined,
      }),
    );
    const postings: Posting[] = [];
    for (let i = 0; i < items.length; i += 20) {
      this.deliveries += 1;
      const payload = messagesDelivery(this.number, { statuses: items.slice(i, i + 20) });
      const posting = asMetaPosting(`statuses:${this.deliveries}`, payload, this.appSecret);
      postings.push(posting);
      if (this.random() < 0.2) postings.push(posting);
    }
    await this.poster.enqueue(postings);
  }
}
