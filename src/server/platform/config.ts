import { randomBytes } from "node:crypto";
import { z } from "zod";

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
    .regex(/^v\d+\.\d+$/, "must look like v23.0")
    .default("v23.0"),
  META_GRAPH_BASE_URL: z.url().optional(),
  META_GRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
  /** Webhook processing loops per worker process (PGlite has one connection: always 1 there). */
  WEBHOOK_PROCESSING_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** Failed processing attempts after which a delivery is set aside as dead (until replayed). */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  SEND_UNCERTAIN_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  META_FACEBOOK_BASE_URL: z.url().optional(),
  WEBHOOK_VERIFY_TOKEN: z.string().min(8).optional(),
  TOKEN_ENCRYPTION_KEYS: z.string().optional(),
  SANDBOX_DEMO_SEED: bool.default(true),
});
export type Env = z.infer<typeof EnvSchema>;

export type Mode = "sandbox" | "live";

/** The validated, grouped configuration every part of the server reads. */
export interface Config {
  mode: Mode;
  env: Env["NODE_ENV"];
  role: Env["ROLE"];
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
  };
  sending: {
    /** How long a send whose outcome is unknown (timeout, crash) waits for Meta's status before going again. */
    uncertainGraceSeconds: number;
  };
  /** Raw `TOKEN_ENCRYPTION_KEYS` (`v2:base64,v1:base64`); sandbox generates one on first start. */
  tokenEncryptionKeys: string | undefined;
  sandboxDemoSeed: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
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
  if (problems.length > 0) throw new ConfigError(problems);

  const isLocalhost = /^http:\/\/(localhost|127\.0\.0\.1)(:|\/|$)/.test(publicUrl);
  const simulatorBase = `${publicUrl}/simulator`;
  const config: Config = {
    mode,
    env: env.NODE_ENV,
    role: env.ROLE,
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
    },
    sending: { uncertainGraceSeconds: env.SEND_UNCERTAIN_GRACE_SECONDS },
    tokenEncryptionKeys: env.TOKEN_ENCRYPTION_KEYS,
    sandboxDemoSeed: env.SANDBOX_DEMO_SEED,
  };
  return Object.freeze(config);
}
