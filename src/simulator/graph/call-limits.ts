import type { FastifyReply } from "fastify";
import type { SimContext } from "../context";
import { MetaError } from "../errors";

const HOUR_MS = 3600_000;

/** Graph's call-rate limits, each off (null) until the control API sets it (`POST /control/call-limits`). */
export interface CallLimitSettings {
  /** Calls per rolling hour for the whole app (Graph's platform rate limit): error 4 beyond. */
  appPerHour: number | null;
  /**
   * Calls per rolling hour per WABA on its management endpoints (`/{waba}`, `phone_numbers`,
   * `message_templates`, `subscribed_apps`; Meta: 200, or 5 000 with a registered number): 80007 beyond.
   */
  wabaPerHour: number | null;
}

/**
 * Counts Graph calls in a moving hour and refuses those past the limits as Meta does: `(#4)
 * Application request limit reached` for the app, `(#80007)` for a WABA, with the usage headers Meta
 * sends (`x-app-usage`, `x-business-use-case-usage`, percentages of the limit). Message sends count
 * for the app only; their own limit is the number's throughput (130429, `rate-limits.ts`).
 */
export class CallLimits {
  private app: number[] = [];
  private readonly wabas = new Map<string, number[]>();

  constructor(private readonly ctx: SimContext) {}

  /** Counts one call, sets the usage headers, or throws 4 / 80007 (the refused call counts too, as at Meta). */
  take(reply: FastifyReply, wabaId: string | null): void {
    const { appPerHour, wabaPerHour } = this.ctx.callLimits;
    if (appPerHour === null && wabaPerHour === null) return;
    const now = this.ctx.clock.now();
    const recent = (calls: number[]) => calls.filter((at) => now - at < HOUR_MS);
    const percent = (count: number, limit: number) =>
      limit <= 0 ? 100 : Math.min(100, Math.round((count / limit) * 100));
    const regain = (calls: number[]) => Math.max(1, Math.ceil(((calls[0] ?? now) + HOUR_MS - now) / 60_000));

    this.app = recent(this.app);
    this.app.push(now);
    if (appPerHour !== null) {
      const pct = percent(this.app.length, appPerHour);
      reply.header("x-app-usage", JSON.stringify({ call_count: pct, total_cputime: 1, total_time: 1 }));
    }
    let wabaCalls: number[] = [];
    if (wabaId && wabaPerHour !== null) {
      wabaCalls = recent(this.wabas.get(wabaId) ?? []);
      wabaCalls.push(now);
      this.wabas.set(wabaId, wabaCalls);
      const over = wabaCalls.length > wabaPerHour;
      reply.header(
        "x-business-use-case-usage",
        JSON.stringify({
          [wabaId]: [
            {
              type: "whatsapp",
              call_count: percent(wabaCalls.length, wabaPerHour),
              total_cputime: 1,
              total_time: 1,
              estimated_time_to_regain_access: over ? regain(wabaCalls) : 0,
            },
          ],
        }),
      );
    }
    if (appPerHour !== null && this.app.length > appPerHour) {
      throw new MetaError(4, {
        message: "(#4) Application request limit reached",
        details: "The app has reached its limit of Graph API calls per hour. Try again later.",
      });
    }
    if (wabaId && wabaPerHour !== null && wabaCalls.length > wabaPerHour) {
      throw new MetaError(80007, {
        message: "(#80007) There have been too many calls to this WhatsApp Business account.",
        details: `Rate limit of ${wabaPerHour} calls per hour reached for this WhatsApp Business Account. Try again in ${regain(wabaCalls)} minutes.`,
      });
    }
  }

  reset(): void {
    this.app = [];
    this.wabas.clear();
  }
}
