import { setTimeout as sleep } from "node:timers/promises";
import { signed } from "../bench/payloads";
import type { Stack } from "../bench/stack";
import type { Tenant } from "../bench/tenants";
import { inboundPayload } from "./inbound-deliveries";
import type { MetaSentLog } from "./meta-sent-log";

/**
 * How long the product took to recover after a fault, each part from the fault's end:
 * - ready: `/readyz` answers 200 (the process is up, the database reachable, migrations applied);
 * - inbound: a new inbound message posted at the fault's end (retried every 200 ms, as Meta
 *   would, until acknowledged) is stored in `messages`;
 * - send: a template queued through `POST /api/messages/send` at the fault's end (retried until
 *   the API answers 202) is accepted by Meta (the simulator's log).
 * The recovery time is the latest of the three: the product answers, takes in, and sends again.
 */
export interface Recovery {
  fault: string;
  endedAt: number;
  readyMs: number;
  inboundMs: number;
  sendMs: number;
  recoveryMs: number;
}

const PROBE_LIMIT_MS = 240_000;
const EVERY_MS = 100;

async function until(check: () => Promise<boolean>, startedAt: number): Promise<number> {
  for (;;) {
    if (await check().catch(() => false)) return Date.now() - startedAt;
    if (Date.now() - startedAt > PROBE_LIMIT_MS) return Number.POSITIVE_INFINITY;
    await sleep(EVERY_MS);
  }
}

const answersWithin = (ms: number) => AbortSignal.timeout(ms);

export class RecoveryProbes {
  private probes = 0;

  constructor(
    private readonly stack: Stack,
    private readonly tenant: Tenant,
    private readonly runId: string,
    private readonly sentLog: MetaSentLog,
  ) {}

  /** Inbound probe wamids and probe message ids, for the final checks. */
  readonly inboundWamids: string[] = [];
  readonly sendIds: string[] = [];

  async measure(fault: string, endedAt: number): Promise<Recovery> {
    this.probes += 1;
    const n = this.probes;
    const [readyMs, inboundMs, sendMs] = await Promise.all([
      until(
        async () => (await fetch(`${this.stack.appUrl}/readyz`, { signal: answersWithin(2000) })).ok,
        endedAt,
      ),
      this.inboundProbe(n, endedAt),
      this.sendProbe(n, endedAt),
    ]);
    return { fault, endedAt, readyMs, inboundMs, sendMs, recoveryMs: Math.max(readyMs, inboundMs, sendMs) };
  }

  private async inboundProbe(n: number, endedAt: number): Promise<number> {
    const wamid = `wamid.drill.${this.runId}.probe.${n}`;
    this.inboundWamids.push(wamid);
    const payload = inboundPayload(this.tenant, {
      index: 1_000_000 + n,
      wamid,
      from: `2126799${String(n).padStart(5, "0")}`,
      sentAt: Date.now(),
    });
    const { body, signature } = signed(payload, this.stack.appSecret);
    await until(async () => {
      const response = await fetch(`${this.stack.appUrl}/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": signature },
        body,
        signal: answersWithin(5000),
      });
      return response.status === 200;
    }, endedAt);
    return until(async () => {
      const { rows } = await this.stack.admin.query("select 1 from messages where wamid = $1", [wamid]);
      return rows.length > 0;
    }, endedAt);
  }

  private async sendProbe(n: number, endedAt: number): Promise<number> {
    let messageId: string | null = null;
    await until(async () => {
      const response = await fetch(`${this.stack.appUrl}/api/messages/send`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${this.tenant.apiKey}`,
          // A retry of a request whose answer was lost must not queue a second message.
          "idempotency-key": `drill-${this.runId}-probe-${n}`,
        },
        body: JSON.stringify({
          connectionId: this.tenant.connectionId,
          to: `+21267${String(n).padStart(7, "0")}`,
          template: { name: "hello_world", language: "en_US" },
        }),
        signal: answersWithin(5000),
      });
      if (response.status !== 202) return false;
      messageId = ((await response.json()) as { id: string }).id;
      return true;
    }, endedAt);
    if (!messageId) return Number.POSITIVE_INFINITY;
    const id: string = messageId;
    this.sendIds.push(id);
    return until(async () => {
      await this.sentLog.poll();
      return this.sentLog.acceptances.some((a) => a.messageId === id);
    }, endedAt);
  }
}
