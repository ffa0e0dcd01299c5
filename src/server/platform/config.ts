import { randomBytes } from "node:crypto";
import { z } from "zod";
import {
  DEFAULT_GRAPH_VERSION,
  GRAPH_VERSIONS,
  graphMajorVersion,
  graphVersionStanding,
} from "../../contracts/graph-versions";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Every environment variable the product reads; `.env.example` lists the same ones. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  TRUST_PROXY: bool.default(false),
  PUBLIC_URL: z.url().optional(),
  ROLE: z.enum(["all", "web", "worker"]).default("all"),
  /** `ROLE=all` on PostgreSQL: the worker on a second thread of the process (off: one event loop). */
  WORKER_THREAD: bool.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().default("./data"),
  MEDIA_DIR: z.string().optional(),
  REDIS_URL: z.string().optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  COOKIE_SECURE: bool.optional(),
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Failed logins per address and e-mail, per address across e-mails, per e-mail across addresses. */
  LOGIN_RATE_LIMIT_PER_15_MIN: z.coerce.number().int().min(1).default(10),
  LOGIN_FAILURES_PER_IP_PER_15_MIN: z.coerce.number().int().min(1).default(30),
  LOGIN_FAILURES_PER_ACCOUNT_PER_15_MIN: z.coerce.number().int().min(1).default(30),
  META_APP_ID: z.string().optional(),
  META_APP_SECRET: z.string().optional(),
  META_CONFIG_ID: z.string().optional(),
  META_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, "must look like v25.0")
    .default(DEFAULT_GRAPH_VERSION),
  META_GRAPH_BASE_URL: z.url().optional(),
  META_GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
  /** Webhook processing loops per worker process (PGlite has one connection: always 1 there). */
  WEBHOOK_PROCESSING_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** Failed processing attempts after which a delivery is set aside as dead (until replayed). */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * Days a processed delivery's raw body is kept. At least 8: Meta retries a delivery for up to 7
   * days, and the stored body is what recognises a retry of one already processed.
   */
  WEBHOOK_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(8).max(3650).default(30),
  SEND_UNCERTAIN_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  MESSAGING_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(86_400),
  SPAM_LIMIT_PAUSE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3_600),
  TEMPLATE_PAUSE_RECHECK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  META_FACEBOOK_BASE_URL: z.url().optional(),
  WEBHOOK_VERIFY_TOKEN: z.string().min(8).optional(),
  TOKEN_ENCRYPTION_KEYS: z.string().optional(),
  SANDBOX_DEMO_SEED: bool.default(true),
  /** Outbound webhooks: each attempt's time limit, the back-off, how long to keep trying, when to disable. */
  OUTBOUND_WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().positive().max(60).default(10),
  OUTBOUND_WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().positive().max(3600).default(10),
  OUTBOUND_WEBHOOK_RETRY_MAX_SECONDS: z.coerce
    .number()
    .positive()
    .max(24 * 3600)
    .default(6 * 3600),
  OUTBOUND_WEBHOOK_RETRY_FOR_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(72),
  OUTBOUND_WEBHOOK_DISABLE_AFTER_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(72),
  OUTBOUND_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Let endpoints resolve to private, loopback or link-local addresses (default: only in sandbox). */
  OUTBOUND_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: bool.optional(),
  /** LinkoJob's back-office credential for the operator API (more: `npm run operator:create`). */
  OPERATOR_API_KEY: z
    .string()
    .regex(/^ljop_[A-Za-z0-9_-]{32,200}$/, "must be ljop_ followed by at least 32 letters, digits, _ or -")
    .optional(),
  /** Days a released LinkoJob number waits before it can be assigned to another client. */
  VIRTUAL_NUMBER_QUARANTINE_DAYS: z.coerce.number().min(0).max(3650).default(90),
  /** LinkoJob numbers a client may take itself from the dashboard (0: only the operator assigns). */
  VIRTUAL_NUMBERS_PER_CLIENT: z.coerce.number().int().min(0).max(100).default(1),
  /** Single sign-on from LinkoJob: one way to check its tokens' signatures (HS256, or EdDSA/RS256). */
  SSO_HS256_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SSO_PUBLIC_KEY: z.string().includes("BEGIN PUBLIC KEY", { message: "must be a PEM public key" }).optional(),
  SSO_JWKS_URL: z.url().optional(),
  SSO_AUDIENCE: z.string().min(1).optional(),
  SSO_ISSUER: z.string().min(1).default("linkojob"),
  /** Origins allowed to show the dashboard in a frame (LinkoJob's), comma-separated. */
  SSO_FRAME_ANCESTORS: z.string().optional(),
});
export type Env = z.infer<typeof EnvSchema>;

export type Mode = "sandbox" | "live";

/** The validated, grouped configuration every part of the server reads. */
export interface Config {
  mode: Mode;
  env: Env["NODE_ENV"];
  role: Env["ROLE"];
  /** `ROLE=all` on PostgreSQL runs its worker on a thread of its own (`src/server/worker-thread.ts`). */
  workerThread: boolean;
  http: { host: string; port: number; publicUrl: string; cookieSecure: boolean; trustProxy: boolean };
  db: { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string; poolSize: number };
  dataDir: string;
  /** Where candidates' media files are stored (a local folder). */
  mediaDir: string;
  redisUrl: string | undefined;
  log: { level: Env["LOG_LEVEL"] };
  auth: {
    sessionTtlHours: number;
    /** Failed logins (and password changes) per address and e-mail in 15 minutes. */
    loginLimitPer15Min: number;
    /** Failed logins from one address, whatever the e-mails (password spraying). */
    loginFailuresPerIpPer15Min: number;
    /** Failed logins on one e-mail, whatever the addresses (a distributed guess). */
    loginFailuresPerAccountPer15Min: number;
    apiLimitPerMinute: number;
  };
  meta: {
    appId: string;
    appSecret: string;
    configId: string;
    graphVersion: string;
    /** Where Graph API calls go: graph.facebook.com live, the built-in simulator in sandbox. */
    graphBaseUrl: string;
    graphTimeoutMs: number;
    facebookBaseUrl: string;
    webhookVerifyToken: string;
  };
  webhookProcessing: {
    concurrency: number;
    /** After this many failed attempts a delivery is dead: kept, alerted on, replayed by an operator. */
    maxAttempts: number;
    /** Days a processed delivery is kept (dead and unroutable ones are kept until dealt with). */
    retentionDays: number;
  };
  sending: {
    /** How long a send whose outcome is unknown (timeout, crash) waits for Meta's status before going again. */
    uncertainGraceSeconds: number;
    /** Meta's moving window of the portfolio's messaging limit (24 h; shorter only in tests). */
    messagingLimitWindowSeconds: number;
    /** How long a number's campaigns wait after Meta's spam rate limit (131048). */
    spamPauseSeconds: number;
    /** How often a campaign whose template Meta paused checks it again. */
    templatePauseRecheckSeconds: number;
  };
  outboundWebhooks: {
    timeoutMs: number;
    retryBaseMs: number;
    retryMaxMs: number;
    /** After this long since its event, a delivery that still fails is given up (`failed`, replayable). */
    retryForMs: number;
    /** An endpoint whose every attempt has failed for this long is disabled, and its admins told. */
    disableAfterMs: number;
    /** Attempts in flight at once per worker process. */
    concurrency: number;
    /** False in live mode unless configured: no request into the service's own network. */
    allowPrivateAddresses: boolean;
    /** Live mode takes https endpoints only; the sandbox also takes http. */
    requireHttps: boolean;
  };
  /** Raw `TOKEN_ENCRYPTION_KEYS` (`v2:base64,v1:base64`); sandbox generates one on first start. */
  tokenEncryptionKeys: string | undefined;
  sandboxDemoSeed: boolean;
  /** LinkoJob's back-office credential; the sandbox makes one in DATA_DIR when unset. */
  operatorApiKey: string | undefined;
  /** LinkoJob's own numbers: how long a released number rests before its next client. */
  virtualNumbers: {
    quarantineMs: number;
    /** How many LinkoJob numbers a client may hold by taking them itself (the operator may lend more). */
    perClient: number;
  };
  sso: {
    /** HS256 shared secret; the sandbox makes one in DATA_DIR when no way of checking is set. */
    hs256Secret: string | undefined;
    /** LinkoJob's public key (PEM, EdDSA or RS256). */
    publicKeyPem: string | undefined;
    /** LinkoJob's JWKS (EdDSA or RS256 keys, found by `kid`). */
    jwksUrl: string | undefined;
    /** The `aud` a token must name: this service's public URL unless set. */
    audience: string;
    /** The `iss` a token must name. */
    issuer: string;
    /** Origins that may frame the dashboard; set, session cookies are SameSite=None; Secure. */
    frameAncestors: string[];
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Why the configured Graph version cannot be used: an expired one (Meta would quietly serve another
 * version in its place, whose payloads the product was not written for) or one Meta never released
 * below the newest known. A version newer than the newest known is accepted: Meta may have released
 * it since this list was written.
 */
function graphVersionProblem(version: string, on: Date): string | undefined {
  const standing = graphVersionStanding(version, on);
  if (standing.kind === "expired")
    return `${version} expired on ${standing.expired} (Meta now answers it as ${standing.servedAs}): set ${DEFAULT_GRAPH_VERSION}`;
  if (
    standing.kind === "unknown" &&
    graphMajorVersion(version) <= graphMajorVersion(GRAPH_VERSIONS[0]!.version)
  )
    return `${version} is not a Graph API version Meta serves today: set ${DEFAULT_GRAPH_VERSION}`;
  return undefined;
}

/** Reads and validates the environment once; throws a ConfigError listing every problem. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`));
  }
  const env = parsed.data;
  const mode: Mode = env.DATABASE_URL ? "live" : "sandbox";
  const problems: string[] = [];
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");

  if (mode === "live") {
    for (const key of ["META_APP_ID", "META_APP_SECRET", "META_CONFIG_ID", "WEBHOOK_VERIFY_TOKEN"] as const) {
      if (!env[key]) problems.push(`${key}: required when DATABASE_URL is set (live mode)`);
    }
    if (!env.TOKEN_ENCRYPTION_KEYS) problems.push("TOKEN_ENCRYPTION_KEYS: required in live mode");
    if (!env.PUBLIC_URL)
      problems.push("PUBLIC_URL: required in live mode (Meta redirects and webhooks use it)");
  }
  const graphProblem = graphVersionProblem(env.META_GRAPH_VERSION, new Date());
  if (graphProblem) problems.push(`META_GRAPH_VERSION: ${graphProblem}`);
  const ssoWays = [env.SSO_HS256_SECRET, env.SSO_PUBLIC_KEY, env.SSO_JWKS_URL].filter(Boolean).length;
  if (ssoWays > 1)
    problems.push("SSO_HS256_SECRET, SSO_PUBLIC_KEY, SSO_JWKS_URL: set one of them, not several");
  const frameAncestors = (env.SSO_FRAME_ANCESTORS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of frameAncestors) {
    if (!/^https?:\/\/[^/\s;,']+$/.test(origin))
      problems.push(`SSO_FRAME_ANCESTORS: "${origin}" is not an origin like https://www.linkojob.ma`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const isLocalhost = /^http:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(publicUrl);
  const simulatorBase = `${publicUrl}/simulator`;
  const config: Config = {
    mode,
    env: env.NODE_ENV,
    role: env.ROLE,
    workerThread: env.WORKER_THREAD,
    http: {
      host: env.HOST,
      port: env.PORT,
      publicUrl,
      cookieSecure: env.COOKIE_SECURE ?? !isLocalhost,
      trustProxy: env.TRUST_PROXY,
    },
    db: env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE }
      : { kind: "pglite", dataDir: `${env.DATA_DIR.replace(/\/$/, "")}/pglite` },
    dataDir: env.DATA_DIR,
    mediaDir: env.MEDIA_DIR ?? `${env.DATA_DIR.replace(/\/$/, "")}/media`,
    redisUrl: env.REDIS_URL,
    log: { level: env.LOG_LEVEL },
    auth: {
      sessionTtlHours: env.SESSION_TTL_HOURS,
      loginLimitPer15Min: env.LOGIN_RATE_LIMIT_PER_15_MIN,
      loginFailuresPerIpPer15Min: env.LOGIN_FAILURES_PER_IP_PER_15_MIN,
      loginFailuresPerAccountPer15Min: env.LOGIN_FAILURES_PER_ACCOUNT_PER_15_MIN,
      apiLimitPerMinute: env.API_RATE_LIMIT_PER_MINUTE,
    },
    meta: {
      appId: env.META_APP_ID ?? "sandbox-app",
      // Sandbox: a per-process secret shared with the built-in simulator, never a real one.
      appSecret: env.META_APP_SECRET ?? randomBytes(24).toString("hex"),
      configId: env.META_CONFIG_ID ?? "sandbox-config",
      graphVersion: env.META_GRAPH_VERSION,
      graphBaseUrl: (
        env.META_GRAPH_BASE_URL ?? (mode === "live" ? "https://graph.facebook.com" : `${simulatorBase}/graph`)
      ).replace(/\/$/, ""),
      facebookBaseUrl: (
        env.META_FACEBOOK_BASE_URL ??
        (mode === "live" ? "https://www.facebook.com" : `${simulatorBase}/facebook`)
      ).replace(/\/$/, ""),
      webhookVerifyToken: env.WEBHOOK_VERIFY_TOKEN ?? "sandbox-verify-token",
      graphTimeoutMs: env.META_GRAPH_TIMEOUT_MS,
    },
    webhookProcessing: {
      concurrency: env.DATABASE_URL ? env.WEBHOOK_PROCESSING_CONCURRENCY : 1,
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      retentionDays: env.WEBHOOK_EVENTS_RETENTION_DAYS,
    },
    sending: {
      uncertainGraceSeconds: env.SEND_UNCERTAIN_GRACE_SECONDS,
      messagingLimitWindowSeconds: env.MESSAGING_LIMIT_WINDOW_SECONDS,
      spamPauseSeconds: env.SPAM_LIMIT_PAUSE_SECONDS,
      templatePauseRecheckSeconds: env.TEMPLATE_PAUSE_RECHECK_SECONDS,
    },
    outboundWebhooks: {
      timeoutMs: env.OUTBOUND_WEBHOOK_TIMEOUT_SECONDS * 1000,
      retryBaseMs: env.OUTBOUND_WEBHOOK_RETRY_BASE_SECONDS * 1000,
      retryMaxMs: env.OUTBOUND_WEBHOOK_RETRY_MAX_SECONDS * 1000,
      retryForMs: env.OUTBOUND_WEBHOOK_RETRY_FOR_HOURS * 3_600_000,
      disableAfterMs: env.OUTBOUND_WEBHOOK_DISABLE_AFTER_HOURS * 3_600_000,
      concurrency: env.OUTBOUND_WEBHOOK_CONCURRENCY,
      allowPrivateAddresses: env.OUTBOUND_WEBHOOK_ALLOW_PRIVATE_ADDRESSES ?? mode === "sandbox",
      requireHttps: mode === "live",
    },
    tokenEncryptionKeys: env.TOKEN_ENCRYPTION_KEYS,
    sandboxDemoSeed: env.SANDBOX_DEMO_SEED,
    operatorApiKey: env.OPERATOR_API_KEY,
    virtualNumbers: {
      quarantineMs: env.VIRTUAL_NUMBER_QUARANTINE_DAYS * 86_400_000,
      perClient: env.VIRTUAL_NUMBERS_PER_CLIENT,
    },
    sso: {
      hs256Secret: env.SSO_HS256_SECRET,
      publicKeyPem: env.SSO_PUBLIC_KEY,
      jwksUrl: env.SSO_JWKS_URL,
      audience: env.SSO_AUDIENCE ?? publicUrl,
      issuer: env.SSO_ISSUER,
      frameAncestors,
    },
  };
  return Object.freeze(config);
}
