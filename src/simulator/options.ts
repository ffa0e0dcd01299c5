import type { Clock } from "./clock";

/** How the simulator is configured; every field has a default suitable for the sandbox. */
export interface SimulatorOptions {
  /** The Meta app the product is (client_id in OAuth calls). */
  appId?: string;
  appName?: string;
  /** HMAC key of `X-Hub-Signature-256` and the `client_secret` the code exchange expects. */
  appSecret?: string;
  /** The product's `/webhook` URL. Null/absent: webhooks are built and recorded but not posted. */
  webhookUrl?: string | null;
  webhookVerifyToken?: string;
  /** Origin (and optional path prefix) where this simulator is reachable, e.g. `http://127.0.0.1:4010`. */
  publicUrl?: string;
  /** Simulated delays after an accepted send before each status webhook. */
  statusDelaysMs?: { sent: number; delivered: number; read: number };
  /** Delay before a created template is reviewed (2 s); null = stays PENDING until the control API decides. */
  templateReviewDelayMs?: number | null;
  /** Messages per second per business number (Meta's default is 80). */
  throughputPerSecond?: number;
  /** Pair rate limit: a burst of `burst` messages, then one per `refillSeconds`, per recipient. */
  pairRate?: { burst: number; refillSeconds: number };
  /** Real milliseconds per simulated millisecond (0.001 runs a day of retries in ~86 s). */
  timeScale?: number;
  /** Webhook retry policy: delay doubles from `baseDelayMs` until `maxAgeMs` (Meta: 7 days). */
  webhookRetry?: { baseDelayMs: number; maxAgeMs: number; timeoutMs: number };
  /** Embedded Signup code lifetime (Meta: about 30 s). */
  codeTtlMs?: number;
  /** Lifetime of media download URLs (Meta: 5 minutes). */
  mediaUrlTtlMs?: number;
  /**
   * Whether business-initiated sends to new unique users past the portfolio's tier in a moving 24 h
   * fail (default true, as at Meta), and the code they fail with (Meta documents none: 131048).
   */
  dailyLimit?: { enforce: boolean; code: 131048 | 131049 | 131056 | 131000 };
  /** The app's "Require App Secret" setting (App Dashboard, Advanced): Graph calls need `appsecret_proof`. */
  requireAppSecretProof?: boolean;
  /** How long Meta's fetcher waits for media sent by `link` before failing the message with 131053. */
  mediaFetchTimeoutMs?: number;
  /** When set, state is loaded from and saved to this JSON file. */
  dataFile?: string;
  /** Candidates read what they receive (a `read` status follows `delivered`). */
  autoRead?: boolean;
  /** Seed the demo world on first start (default true). */
  seed?: boolean;
  /** Inject a clock (tests); otherwise one is made from `timeScale`. */
  clock?: Clock;
  /** Receives operational problems (a webhook that keeps failing); defaults to silence. */
  log?: (level: "info" | "warn", message: string, data?: Record<string, unknown>) => void;
}

export type ResolvedOptions = Required<Omit<SimulatorOptions, "dataFile" | "clock" | "publicUrl" | "log">> & {
  dataFile: string | null;
  publicUrl: string | null;
  log: NonNullable<SimulatorOptions["log"]>;
};

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  return {
    appId: options.appId ?? "742315198836001",
    appName: options.appName ?? "LinkoJob WhatsApp",
    appSecret: options.appSecret ?? "simulator-app-secret",
    webhookUrl: options.webhookUrl ?? null,
    webhookVerifyToken: options.webhookVerifyToken ?? "simulator-verify-token",
    publicUrl: options.publicUrl?.replace(/\/$/, "") ?? null,
    statusDelaysMs: options.statusDelaysMs ?? { sent: 300, delivered: 1200, read: 4000 },
    templateReviewDelayMs:
      options.templateReviewDelayMs === undefined ? 2_000 : options.templateReviewDelayMs,
    throughputPerSecond: options.throughputPerSecond ?? 80,
    pairRate: options.pairRate ?? { burst: 45, refillSeconds: 6 },
    timeScale: options.timeScale ?? 1,
    webhookRetry: options.webhookRetry ?? {
      baseDelayMs: 15_000,
      maxAgeMs: 7 * 24 * 3600_000,
      timeoutMs: 10_000,
    },
    codeTtlMs: options.codeTtlMs ?? 30_000,
    mediaUrlTtlMs: options.mediaUrlTtlMs ?? 5 * 60_000,
    mediaFetchTimeoutMs: options.mediaFetchTimeoutMs ?? 10_000,
    requireAppSecretProof: options.requireAppSecretProof ?? false,
    dailyLimit: options.dailyLimit ?? { enforce: true, code: 131048 },
    dataFile: options.dataFile ?? null,
    autoRead: options.autoRead ?? true,
    seed: options.seed ?? true,
    log: options.log ?? (() => {}),
  };
}
