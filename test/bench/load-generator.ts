/**
 * The load generator: a separate process, so the load it generates does not share an event loop
 * with what it measures. It takes one request at a time over IPC and answers with the results.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { deliveryPayload, type IngressSpec, planIngress, signed } from "./payloads";
import { keepAliveAgent, postBody, postWebhook } from "./webhook-post";

export interface IngressRun {
  type: "ingress";
  url: string;
  appSecret: string;
  spec: IngressSpec;
  /** closed: `concurrency` requests always in flight; open: a fixed rate, whatever the answers. */
  mode: "closed" | "open";
  concurrency: number;
  deliveriesPerSecond?: number;
}

export interface IngressResult {
  requests: number;
  byStatus: Record<string, number>;
  /** Acknowledgement latencies (ms); in open mode from the scheduled send time. */
  latencies: number[];
  /**
   * This generator's own event-loop lag during the run (ms, p99 and max): a late send counts in
   * the latencies above, so a tail as long as this one may be the generator's, not the product's.
   */
  ownLoopLag: { p99: number; max: number };
  durationMs: number;
  startedAt: number;
  errors: number;
}

const now = () => performance.timeOrigin + performance.now();

async function runIngress(run: IngressRun): Promise<IngressResult> {
  const { order } = planIngress(run.spec);
  const fixedTime = Date.UTC(2026, 0, 15, 9, 0, 0);
  // Bodies are built before the clock starts, except stamped ones (they carry their send time).
  const prebuilt = run.spec.stampText
    ? null
    : order.map((d) => signed(deliveryPayload(run.spec, d, 0, fixedTime), run.appSecret));
  const build = (i: number) =>
    prebuilt?.[i] ?? signed(deliveryPayload(run.spec, order[i]!, now(), fixedTime), run.appSecret);
  const url = new URL(run.url);
  const agent = keepAliveAgent(url, Math.max(run.concurrency, 1));
  const latencies = new Float64Array(order.length);
  const byStatus: Record<string, number> = {};
  let errors = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const startedAt = now();

  const send = async (i: number, scheduledAt: number) => {
    const { body, signature } = build(i);
    try {
      const status = await postWebhook(agent, url, body, signature);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    } catch {
      errors += 1;
    }
    latencies[i] = now() - scheduledAt;
  };

  if (run.mode === "closed") {
    let next = 0;
    await Promise.all(
      Array.from({ length: run.concurrency }, async () => {
        while (next < order.length) {
          const i = next;
          next += 1;
          await send(i, now());
        }
      }),
    );
  } else {
    const rate = run.deliveriesPerSecond ?? 1000;
    const inFlight: Promise<void>[] = [];
    let next = 0;
    while (next < order.length) {
      const due = Math.min(order.length, Math.floor(((now() - startedAt) / 1000) * rate) + 1);
      for (; next < due; next += 1) inFlight.push(send(next, startedAt + (next / rate) * 1000));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(inFlight);
  }
  const durationMs = now() - startedAt;
  loopDelay.disable();
  agent.destroy();
  return {
    requests: order.length,
    byStatus,
    latencies: Array.from(latencies),
    ownLoopLag: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
    durationMs,
    startedAt,
    errors,
  };
}

/** A number to send from: its client's API key, and where its recipients' numbers start. */
export interface SendTarget {
  apiKey: string;
  connectionId: string;
  /** Recipients: `+<prefix><index>`, 12 digits in all (a Moroccan mobile), one template each. */
  recipientPrefix: string;
}

export interface SendRun {
  type: "send";
  url: string;
  /** The numbers, taken in turn: message i goes out from `targets[i % targets.length]`. */
  targets: SendTarget[];
  count: number;
  concurrency: number;
}

export interface SendResult {
  byStatus: Record<string, number>;
  /** The first refusal's body, to say why. */
  firstError: string | null;
  latencies: number[];
  durationMs: number;
}

/** Queues `count` template sends through the public API, each to its own recipient. */
async function runSend(run: SendRun): Promise<SendResult> {
  const url = new URL(run.url);
  const agent = keepAliveAgent(url, run.concurrency);
  const byStatus: Record<string, number> = {};
  const latencies: number[] = [];
  let firstError: string | null = null;
  const startedAt = now();
  let next = 0;
  await Promise.all(
    Array.from({ length: run.concurrency }, async () => {
      while (next < run.count) {
        const i = next;
        next += 1;
        const target = run.targets[i % run.targets.length]!;
        const body = JSON.stringify({
          connectionId: target.connectionId,
          to: `+${target.recipientPrefix}${String(i).padStart(12 - target.recipientPrefix.length, "0")}`,
          template: { name: "hello_world", language: "en_US" },
        });
        const sentAt = now();
        const status = await postBody(
          agent,
          url,
          body,
          { authorization: `Bearer ${target.apiKey}` },
          { keepTextUnless: 202 },
        ).then(
          (answer) => {
            if (answer.status !== 202) firstError ??= answer.text;
            return answer.status;
          },
          () => 0,
        );
        latencies.push(now() - sentAt);
        byStatus[status] = (byStatus[status] ?? 0) + 1;
      }
    }),
  );
  agent.destroy();
  return { byStatus, firstError, latencies, durationMs: now() - startedAt };
}

process.on("message", (message: IngressRun | SendRun) => {
  (message.type === "send" ? runSend(message) : runIngress(message))
    .then((result) => process.send?.(result))
    .catch((error: unknown) => process.send?.({ error: String(error) }));
});
process.on("disconnect", () => process.exit(0));
