import type { SimContext } from "../context";
import { MetaError } from "../errors";

const EPSILON = 1e-9;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets for the two send limits: the number's throughput (`throughputPerSecond`, refilled
 * continuously, burst of one second's worth) and the business–user pair rate (a burst of 45, then
 * one message per 6 s). Time comes from the simulator clock so tests can freeze or advance it.
 */
export class SendLimits {
  private readonly numbers = new Map<string, Bucket>();
  private readonly pairs = new Map<string, Bucket>();

  constructor(private readonly ctx: SimContext) {}

  /** Takes one token from both buckets or throws 130429 / 131056 without taking any. */
  take(phoneNumberId: string, waId: string): void {
    const now = this.ctx.clock.now();
    const rate = this.ctx.faults.throughputPerSecond;
    const number = this.refill(this.numbers, phoneNumberId, now, rate, rate / 1000);
    const { burst, refillSeconds } = this.ctx.options.pairRate;
    const pair = this.refill(this.pairs, `${phoneNumberId}:${waId}`, now, burst, 1 / (refillSeconds * 1000));
    // The epsilon absorbs float drift: 5 s + 1 s of refill at 1/6000 per ms must make a whole token.
    if (number.tokens < 1 - EPSILON) {
      throw new MetaError(130429, {
        details: `Cloud API message throughput (${rate} messages per second) has been reached.`,
      });
    }
    if (pair.tokens < 1 - EPSILON) {
      throw new MetaError(131056, {
        details:
          "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
      });
    }
    number.tokens -= 1;
    pair.tokens -= 1;
  }

  reset(): void {
    this.numbers.clear();
    this.pairs.clear();
  }

  private refill(
    map: Map<string, Bucket>,
    key: string,
    now: number,
    capacity: number,
    perMs: number,
  ): Bucket {
    const bucket = map.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    map.set(key, bucket);
    return bucket;
  }
}
