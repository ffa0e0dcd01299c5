import type { Logger } from "../logger";

// Node's network errors, and PostgreSQL's connection exceptions (class 08), shutdowns and refusals.
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);
const SERVER_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);
// What node-postgres, its pool and PGlite say when there is no connection to use.
const MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Cannot use a pool after calling end on the pool",
  "Client has encountered a connection error and is not queryable",
  "PGlite is closed",
];

/** Whether an error (or one of its causes: Drizzle wraps the driver's) means "no database", not "bad query". */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === "string" &&
      (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith("08"))
    )
      return true;
    if (MESSAGES.some((message) => current instanceof Error && current.message.startsWith(message)))
      return true;
    current = current.cause;
  }
  return false;
}

/** How long clients are told to wait; about the time a failover or a restart takes. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Whether the database answers, as the requests that meet it see it. The first failure is logged
 * once, then a probe runs until a query succeeds, which is logged once too: an outage is two log
 * lines, not one per request.
 */
export class DatabaseAvailability {
  private downSince: number | null = null;
  private probe: NodeJS.Timeout | null = null;
  private isChecking = false;

  constructor(
    private readonly ping: () => Promise<unknown>,
    private readonly log: Logger,
    private readonly probeEveryMs = 1_000,
  ) {}

  get isDown(): boolean {
    return this.downSince !== null;
  }

  /** True when `error` means the database is unreachable (the caller answers 503 then). */
  reportFailure(error: unknown): boolean {
    if (!isDatabaseUnreachable(error)) return false;
    if (this.downSince === null) {
      this.downSince = Date.now();
      this.log.error({ err: error }, "database unreachable: answering 503 until it is back");
      this.probe = setInterval(() => void this.check(), this.probeEveryMs);
      this.probe.unref();
    }
    return true;
  }

  /** A query succeeded: the outage, if any, is over. */
  reportSuccess(): void {
    if (this.downSince === null) return;
    this.log.info(
      { downForSeconds: Math.round((Date.now() - this.downSince) / 1000) },
      "database reachable again",
    );
    this.downSince = null;
    this.stopProbe();
  }

  close(): void {
    this.stopProbe();
  }

  private async check(): Promise<void> {
    if (this.isChecking) return;
    this.isChecking = true;
    try {
      await this.ping();
      this.reportSuccess();
    } catch {
      // Still down: said already.
    } finally {
      this.isChecking = false;
    }
  }

  private stopProbe(): void {
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
  }
}
