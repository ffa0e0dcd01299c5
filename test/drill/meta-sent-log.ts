import { http } from "../bench/support";

/** One Graph `/messages` call as the simulator logged it. */
interface SentEntry {
  at: number;
  phoneNumberId: string;
  body: { biz_opaque_callback_data?: string; to?: string };
  responseStatus: number;
  response: { messages?: { id: string }[] };
}

/** A send Meta accepted: our message id (echoed back in statuses) and the wamid Meta gave it. */
export interface Acceptance {
  messageId: string;
  wamid: string;
  /** The recipient as the send named it. */
  to: string;
  phoneNumberId: string;
  at: number;
}

/**
 * Meta's side of sending, read from the simulator's log of `/messages` calls. The simulator keeps
 * only its last 5,000 calls, so the log is read every second and kept here.
 */
export class MetaSentLog {
  readonly acceptances: Acceptance[] = [];
  readonly refusals: Record<string, number> = {};
  private readonly seen = new Set<string>();
  private readonly since = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners: ((accepted: Acceptance[]) => void)[] = [];

  constructor(
    private readonly simulatorUrl: string,
    private readonly phoneNumberIds: string[],
  ) {}

  /** Called with each poll's new acceptances. */
  onAccepted(listener: (accepted: Acceptance[]) => void): void {
    this.listeners.push(listener);
  }

  start(): void {
    const tick = async () => {
      await this.poll().catch(() => undefined);
      if (this.timer) this.timer = setTimeout(tick, 1000);
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async poll(): Promise<void> {
    const fresh: Acceptance[] = [];
    for (const phoneNumberId of this.phoneNumberIds) {
      const { json } = await http<{ sent: SentEntry[] }>(
        `${this.simulatorUrl}/simulator/control/sent?phoneNumberId=${phoneNumberId}&since=${this.since.get(phoneNumberId) ?? 0}`,
      );
      for (const entry of json.sent) {
        const wamid = entry.response.messages?.[0]?.id;
        const key = `${entry.at}|${entry.responseStatus}|${entry.body.biz_opaque_callback_data}|${wamid}|${entry.body.to}`;
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        const messageId = entry.body.biz_opaque_callback_data;
        if (entry.responseStatus === 200 && wamid && messageId)
          fresh.push({ messageId, wamid, to: entry.body.to ?? "", phoneNumberId, at: entry.at });
        else if (entry.responseStatus !== 200) {
          const code = (entry.response as { error?: { code?: number } }).error?.code;
          const reason = `${entry.responseStatus}${code === undefined ? "" : ` (${code})`}`;
          this.refusals[reason] = (this.refusals[reason] ?? 0) + 1;
        }
      }
      // Inclusive: calls logged in the same millisecond as the last one seen are read again, then skipped.
      const last = json.sent.at(-1)?.at;
      if (last !== undefined) this.since.set(phoneNumberId, last);
    }
    this.acceptances.push(...fresh);
    if (fresh.length > 0) for (const listener of this.listeners) listener(fresh);
  }

  /** Acceptances by our message id: more than one means the message was sent twice. */
  byMessage(): Map<string, Acceptance[]> {
    const grouped = new Map<string, Acceptance[]>();
    for (const a of this.acceptances) grouped.set(a.messageId, [...(grouped.get(a.messageId) ?? []), a]);
    return grouped;
  }
}
