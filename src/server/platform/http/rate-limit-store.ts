import type { AttemptCounters } from "../attempt-counters";

type Incremented = { current: number; ttl: number };
type RouteParams = { routeInfo?: { method?: string | string[]; url?: string } };

/**
 * A store for `@fastify/rate-limit` over the product's attempt counters: in Redis when the instance
 * has one, so every web instance adds to the same per-minute count of a user, an API key or an
 * address (behind a load balancer, a caller would otherwise get the limit once per instance), and
 * in this process otherwise. While Redis is unreachable the counters fall back to this process's.
 * A route with a limit of its own (login) counts apart from the API's, as the plugin's own stores do.
 */
export function rateLimitStoreOver(counters: AttemptCounters) {
  return class AttemptCountersStore {
    private readonly scope: string;

    /** The plugin builds the first store with its options; `child` gives a route its own scope. */
    constructor(scope?: unknown) {
      this.scope = typeof scope === "string" ? scope : "api";
    }

    incr(key: string, done: (error: Error | null, result?: Incremented) => void, timeWindow: number): void {
      counters.add([`rate:${this.scope}:${key}`], timeWindow).then(
        ([count]) => done(null, { current: count!.count, ttl: count!.resetInMs }),
        (error: Error) => done(error),
      );
    }

    child(params: RouteParams): AttemptCountersStore {
      const method = params.routeInfo?.method;
      return new AttemptCountersStore(`${[method ?? ""].flat().join(",")} ${params.routeInfo?.url ?? ""}`);
    }
  };
}
