import { randomBytes } from "node:crypto";
import type { Clock } from "../clock";
import type { ResolvedOptions } from "../options";
import type { SimState } from "../state";
import { serializeAsMeta, signatureFor } from "./sign";

/** One `changes[]` item waiting to be posted. */
interface Change {
  wabaId: string;
  field: string;
  value: unknown;
  /** Non-`messages` fields carry `entry.time` (unix seconds). */
  withTime: boolean;
  /** Seconds added to `entry.time`: POSTs sent in the same second still differ. */
  timeOffset?: number;
}

export type DeliveryState =
  | "pending"
  | "delivered"
  | "failed"
  | "paused"
  | "held"
  | "not_subscribed"
  | "no_url";

/** A webhook POST as the product receives it, kept for the control API and tests. */
export interface Delivery {
  id: number;
  url: string | null;
  body: string;
  signature: string;
  payload: WebhookPayload;
  createdAt: number;
  attempts: { at: number; status: number | null; error: string | null }[];
  state: DeliveryState;
  duplicated: boolean;
}

export interface WebhookPayload {
  object: "whatsapp_business_account";
  entry: { id: string; time?: number; changes: { value: unknown; field: string }[] }[];
}

const LOG_LIMIT = 2000;

/**
 * Posts webhooks the way Meta does: changes raised in the same tick are batched into one POST per
 * destination, signed over the `\u`-escaped bytes, retried with doubling delays on anything but 200,
 * and only sent for WABAs that subscribed the app. The control API can pause, duplicate and reorder.
 */
export class WebhookSender {
  readonly log: Delivery[] = [];
  paused = false;
  private buffer: Change[] = [];
  private flushScheduled = false;
  private duplicateNext = 0;
  private reorderNext = 0;
  private held: Delivery[] = [];
  private pausedQueue: Delivery[] = [];
  private nextId = 1;
  private inFlight = 0;
  private closed = false;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly getState: () => SimState,
    private readonly clock: Clock,
  ) {}

  /** Queues one change for the WABA; it leaves on the next tick together with its neighbours. */
  emit(wabaId: string, field: string, value: unknown): void {
    this.buffer.push({ wabaId, field, value, withTime: field !== "messages" });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /**
   * Sends each value in a POST of its own, at once and in the order given, after whatever is
   * buffered (a history sync's chunks). Each POST is stamped a second after the previous one, so a
   * value sent twice is two deliveries, as when Meta sends a chunk again.
   */
  emitEach(wabaId: string, field: string, values: unknown[]): void {
    this.flush();
    for (const [i, value] of values.entries()) {
      this.buffer.push({ wabaId, field, value, withTime: true, timeOffset: i });
      this.flush();
    }
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (!paused) {
      const queued = this.pausedQueue.splice(0);
      for (const d of queued) this.dispatch(d);
    }
  }

  duplicate(count: number): void {
    this.duplicateNext += count;
  }

  /** Holds the next `count` deliveries and releases them newest first (or after 2 s, whichever first). */
  reorder(count: number): void {
    this.reorderNext += count;
    this.clock.schedule(2000, () => this.releaseHeld());
  }

  /** True when nothing is buffered, held or on the wire (retries waiting on the clock don't count). */
  get idle(): boolean {
    return this.buffer.length === 0 && this.inFlight === 0 && this.held.length === 0 && !this.flushScheduled;
  }

  close(): void {
    this.closed = true;
  }

  /** Meta's verification handshake: GET with hub.* params; the endpoint must echo the challenge. */
  async verify(
    url: string,
    verifyToken: string,
  ): Promise<{ ok: boolean; status: number | null; body: string }> {
    const challenge = String(randomBytes(6).readUIntBE(0, 6));
    const target = new URL(url);
    target.searchParams.set("hub.mode", "subscribe");
    target.searchParams.set("hub.challenge", challenge);
    target.searchParams.set("hub.verify_token", verifyToken);
    try {
      const res = await fetch(target, { signal: AbortSignal.timeout(this.options.webhookRetry.timeoutMs) });
      const body = await res.text();
      return { ok: res.status === 200 && body === challenge, status: res.status, body };
    } catch (err) {
      return { ok: false, status: null, body: String(err) };
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const changes = this.buffer.splice(0);
    const byUrl = new Map<string | null, Change[]>();
    const unsubscribed: Change[] = [];
    for (const change of changes) {
      const waba = this.getState().wabas.find((w) => w.id === change.wabaId);
      const sub = waba?.subscribedApps.find((s) => s.appId === this.options.appId);
      if (!sub) {
        unsubscribed.push(change);
        continue;
      }
      const url = sub.overrideCallbackUri ?? this.options.webhookUrl;
      byUrl.set(url, [...(byUrl.get(url) ?? []), change]);
    }
    // Without a subscription Meta sends nothing; we keep a record so a test can see why.
    if (unsubscribed.length > 0) this.record(null, unsubscribed, "not_subscribed");
    for (const [url, group] of byUrl) {
      const delivery = this.record(url, group, url ? "pending" : "no_url");
      if (url) this.route(delivery);
    }
  }

  private record(url: string | null, changes: Change[], state: DeliveryState): Delivery {
    const payload = this.buildPayload(changes);
    const body = serializeAsMeta(payload);
    const delivery: Delivery = {
      id: this.nextId++,
      url,
      body,
      signature: signatureFor(body, this.options.appSecret),
      payload,
      createdAt: this.clock.now(),
      attempts: [],
      state,
      duplicated: false,
    };
    this.log.push(delivery);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    return delivery;
  }

  private buildPayload(changes: Change[]): WebhookPayload {
    const entries: WebhookPayload["entry"] = [];
    for (const change of changes) {
      let entry = entries.find((e) => e.id === change.wabaId && "time" in e === change.withTime);
      if (!entry) {
        entry = change.withTime
          ? {
              id: change.wabaId,
              time: Math.floor(this.clock.now() / 1000) + (change.timeOffset ?? 0),
              changes: [],
            }
          : { id: change.wabaId, changes: [] };
        entries.push(entry);
      }
      entry.changes.push({ value: change.value, field: change.field });
    }
    return { object: "whatsapp_business_account", entry: entries };
  }

  private route(delivery: Delivery): void {
    if (this.reorderNext > 0) {
      this.reorderNext--;
      delivery.state = "held";
      this.held.push(delivery);
      if (this.reorderNext === 0) this.releaseHeld();
      return;
    }
    this.dispatch(delivery);
  }

  private releaseHeld(): void {
    const held = this.held.splice(0).reverse();
    void (async () => {
      for (const d of held) {
        d.state = "pending";
        await this.attempt(d);
      }
    })();
  }

  private dispatch(delivery: Delivery): void {
    if (this.paused) {
      delivery.state = "paused";
      this.pausedQueue.push(delivery);
      return;
    }
    delivery.state = "pending";
    if (this.duplicateNext > 0) {
      this.duplicateNext--;
      delivery.duplicated = true;
      void this.attempt(delivery, true);
    }
    void this.attempt(delivery);
  }

  private async attempt(delivery: Delivery, isDuplicate = false): Promise<void> {
    if (this.closed || !delivery.url) return;
    this.inFlight++;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(delivery.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": delivery.signature,
          "user-agent": "facebookexternalua",
        },
        body: delivery.body,
        signal: AbortSignal.timeout(this.options.webhookRetry.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer();
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    } finally {
      this.inFlight--;
    }
    delivery.attempts.push({ at: this.clock.now(), status, error });
    if (isDuplicate) return;
    if (status === 200) {
      delivery.state = "delivered";
      return;
    }
    this.scheduleRetry(delivery);
  }

  private scheduleRetry(delivery: Delivery): void {
    const failures = delivery.attempts.filter((a) => a.status !== 200).length;
    const delay = this.options.webhookRetry.baseDelayMs * 2 ** (failures - 1);
    if (this.clock.now() + delay - delivery.createdAt > this.options.webhookRetry.maxAgeMs) {
      delivery.state = "failed";
      this.options.log("warn", "webhook dropped after retries", {
        deliveryId: delivery.id,
        url: delivery.url,
      });
      return;
    }
    this.clock.schedule(delay, () => {
      if (this.paused) {
        delivery.state = "paused";
        this.pausedQueue.push(delivery);
        return;
      }
      void this.attempt(delivery);
    });
  }
}
