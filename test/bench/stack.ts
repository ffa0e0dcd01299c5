import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { generateKeySpec } from "../../src/server/platform/crypto/token-vault";
import { openPostgres } from "../../src/server/platform/db/client";
import { applyMigrations } from "../../src/server/platform/db/migrate";
import { freePort, killChild, startChild, stopChild, waitFor } from "./support";

export const DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:55433/postgres";

/** Everything a run needs: its own database, the standalone simulator and the product, on loopback. */
export interface Stack {
  databaseUrl: string;
  admin: pg.Pool;
  appUrl: string;
  simulatorUrl: string;
  appSecret: string;
  product: ChildProcess;
  /** Restarts the product, e.g. as `ROLE=web` (no jobs run) or back to both roles. */
  restartProduct(extraEnv?: Record<string, string>): Promise<void>;
  /** `kill -9` of the product: nothing of its shutdown runs. `restartProduct` starts it again. */
  killProduct(): Promise<void>;
  /** A separate worker process (`ROLE=worker`), next to a `ROLE=web` product. */
  startWorker(): ChildProcess;
  /** Another web instance (`ROLE=web`) on a port of its own (or `url`'s), once it answers `/readyz`. */
  startWeb(label: string, url?: string): Promise<{ child: ChildProcess; url: string }>;
  close(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Fails with how to get a server when none answers. */
export async function checkServer(serverUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    throw new Error(
      [
        `No PostgreSQL server answers at ${serverUrl} (${error instanceof Error ? error.message : String(error)}).`,
        "Start one, then run again, for example:",
        "  pg_ctlcluster 15 main start                      # a Debian cluster, or",
        "  docker run -d -p 55433:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15",
        "and point BENCH_DATABASE_URL at it (a user that may CREATE DATABASE).",
      ].join("\n"),
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The server a bench runs on (`BENCH_DATABASE_URL`), or null after saying how to start one. */
export async function benchServerUrl(): Promise<string | null> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE_URL;
  try {
    await checkServer(serverUrl);
    return serverUrl;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return null;
  }
}

export async function startStack(options: {
  serverUrl: string;
  cpuProfileDir?: string;
  /** Where the product's output goes instead of the console. */
  productLogFile?: string;
  /**
   * A build of the server (`buildServer`): the product, its worker and the simulator run from it
   * with plain node, as in production, instead of from the sources through tsx.
   */
  compiledDir?: string;
  /** Added to every product process's environment (e.g. `ROLE=web` and `REDIS_URL` for several instances). */
  productEnv?: Record<string, string>;
  /** Where the simulator posts Meta's webhooks: the product's own `/webhook` unless a proxy is in front. */
  webhookUrl?: string;
  /** Added to the simulator's environment (e.g. `NODE_EXTRA_CA_CERTS` for a proxy's certificate). */
  simulatorEnv?: Record<string, string>;
  /**
   * A database kept between runs under this name (created when missing, migrated, not dropped at
   * the end), so a long seed serves several runs and a new migration is measured on the same data.
   */
  keptDatabase?: string;
}): Promise<Stack> {
  const entry = (source: string, built: string) =>
    options.compiledDir
      ? { file: join(options.compiledDir, built), compiled: true }
      : { file: source, compiled: false };
  const product = entry("src/server/main.ts", "main.js");
  const simulatorEntry = entry("src/simulator/main.ts", "simulator.js");
  const kept = options.keptDatabase;
  if (kept !== undefined && !/^[a-z_][a-z0-9_]*$/.test(kept)) throw new Error(`not a database name: ${kept}`);
  const name = kept ?? `lj_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
  const server = new pg.Client({ connectionString: options.serverUrl });
  await server.connect();
  const exists = await server.query("select 1 from pg_database where datname = $1", [name]);
  if (exists.rowCount === 0) await server.query(`CREATE DATABASE ${name}`);
  await server.end();
  const databaseUrl = withDatabase(options.serverUrl, name);
  const migrations = openPostgres(databaseUrl, 2);
  await applyMigrations(migrations);
  await migrations.close();
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  admin.on("error", () => {});

  const dataDir = mkdtempSync(join(tmpdir(), "lj-bench-"));
  const [appPort, simulatorPort] = [await freePort(), await freePort()];
  const appUrl = `http://127.0.0.1:${appPort}`;
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
  const appSecret = randomBytes(16).toString("hex");
  const verifyToken = `verify-${randomBytes(6).toString("hex")}`;
  const appId = "742315198836001";

  const simulator = startChild(simulatorEntry.file, {
    label: "simulator",
    compiled: simulatorEntry.compiled,
    env: {
      SIMULATOR_PORT: String(simulatorPort),
      SIMULATOR_HOST: "127.0.0.1",
      SIMULATOR_PUBLIC_URL: simulatorUrl,
      SIMULATOR_WEBHOOK_URL: options.webhookUrl ?? `${appUrl}/webhook`,
      SIMULATOR_DATA_FILE: "", // in memory: persisting would re-write the whole world every 250 ms
      META_APP_ID: appId,
      META_APP_SECRET: appSecret,
      META_WEBHOOK_VERIFY_TOKEN: verifyToken,
      LOG_LEVEL: "warn",
      ...options.simulatorEnv,
    },
    quiet: true,
  });
  await waitFor("the simulator", async () => (await fetch(`${simulatorUrl}/simulator/control/state`)).ok);

  const productEnv: Record<string, string> = {
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(appPort),
    PUBLIC_URL: appUrl,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    META_APP_ID: appId,
    META_APP_SECRET: appSecret,
    META_CONFIG_ID: "bench-config",
    WEBHOOK_VERIFY_TOKEN: verifyToken,
    META_GRAPH_BASE_URL: `${simulatorUrl}/simulator/graph`,
    META_FACEBOOK_BASE_URL: `${simulatorUrl}/simulator/facebook`,
    TOKEN_ENCRYPTION_KEYS: generateKeySpec("v1"),
    // The API's per-caller limit would cap the send benchmark's intake, not the product's pipeline.
    API_RATE_LIMIT_PER_MINUTE: "100000000",
    LOGIN_RATE_LIMIT_PER_15_MIN: "10000",
    COOKIE_SECURE: "false",
    ...options.productEnv,
  };
  const execArgv = options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const startInstance = async (label: string, url: string, extraEnv: Record<string, string> = {}) => {
    const child = startChild(product.file, {
      label,
      compiled: product.compiled,
      env: { ...productEnv, PORT: new URL(url).port, ...extraEnv },
      execArgv,
      ...(options.productLogFile ? { logFile: options.productLogFile } : {}),
    });
    await waitFor(`the ${label}`, async () => (await fetch(`${url}/readyz`)).ok, 120_000);
    return child;
  };
  const startProduct = (extraEnv: Record<string, string> = {}) => startInstance("product", appUrl, extraEnv);

  const stack: Stack = {
    databaseUrl,
    admin,
    appUrl,
    simulatorUrl,
    appSecret,
    product: await startProduct(),
    async restartProduct(extraEnv) {
      await stopChild(stack.product);
      stack.product = await startProduct(extraEnv);
    },
    killProduct: () => killChild(stack.product),
    startWorker() {
      return startChild(product.file, {
        label: "worker",
        compiled: product.compiled,
        env: { ...productEnv, ROLE: "worker", PORT: "0" },
        execArgv,
      });
    },
    async startWeb(label, at) {
      const url = at ?? `http://127.0.0.1:${await freePort()}`;
      return { child: await startInstance(label, url, { ROLE: "web" }), url };
    },
    async close() {
      await stopChild(stack.product, 20_000);
      await stopChild(simulator);
      await admin.end();
      rmSync(dataDir, { recursive: true, force: true });
      if (kept) return;
      const dropper = new pg.Client({ connectionString: options.serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
  return stack;
}
