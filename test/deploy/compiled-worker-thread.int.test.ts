import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../scripts/build-server";
import { generateKeySpec } from "../../src/server/platform/crypto/token-vault";
import { WORKER_THREAD_STARTED } from "../../src/server/worker-thread";
import { serializeAsMeta, signatureFor } from "../../src/simulator/index";
import { freePort, stopChild, waitFor } from "../bench/support";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { eventually, PATIENCE_MS } from "../support/waiting";
import { inboundText, messagesEnvelope } from "../support/webhooks";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const root = resolve(import.meta.dirname, "../..");

// The worker thread exists on PostgreSQL only (PGlite is one connection in one thread).
describe.skipIf(!onPostgres)("the compiled build, ROLE=all on PostgreSQL: its worker on a thread", () => {
  const buildRoot = mkdtempSync(join(root, "dist-test-build-thread-"));
  const dataDir = mkdtempSync(join(tmpdir(), "lj-compiled-thread-"));
  const appSecret = "compiled-thread-app-secret";
  let database: TestDatabase;
  let server: ChildProcess | undefined;
  let output = "";
  let url = "";

  beforeAll(async () => {
    await buildServer(join(buildRoot, "server"));
    database = await createTestDatabase();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // Plain node on the built files (no tsx loader inherited): the thread runs `main.js` itself.
    const { NODE_OPTIONS: _loader, REDIS_URL: _redis, ...env } = process.env;
    server = spawn(process.execPath, [join(buildRoot, "server", "main.js")], {
      env: {
        ...env,
        NODE_ENV: "production",
        LOG_LEVEL: "info",
        ROLE: "all",
        WORKER_THREAD: "true",
        DATABASE_URL: database.url!,
        DATA_DIR: dataDir,
        HOST: "127.0.0.1",
        PORT: String(port),
        PUBLIC_URL: url,
        COOKIE_SECURE: "false",
        META_APP_ID: "compiled-thread-app",
        META_APP_SECRET: appSecret,
        META_CONFIG_ID: "compiled-thread-config",
        WEBHOOK_VERIFY_TOKEN: "compiled-thread-verify",
        TOKEN_ENCRYPTION_KEYS: generateKeySpec("v1"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    server.stdout?.on("data", collect);
    server.stderr?.on("data", collect);
    const exited = new Promise<never>((_, reject) =>
      server!.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${output}`))),
    );
    await Promise.race([
      waitFor("the compiled server's /readyz", async () => (await fetch(`${url}/readyz`)).ok, PATIENCE_MS),
      exited,
    ]);
  }, PATIENCE_MS + 30_000);

  afterAll(async () => {
    if (server) await stopChild(server);
    await database?.drop();
    rmSync(buildRoot, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("stores a signed delivery on the HTTP thread and processes it on the worker thread", async () => {
    // HTTP answers before the thread is up (a restart answers Meta sooner): the thread follows.
    await eventually(async () => output.includes(WORKER_THREAD_STARTED));
    const text = inboundText("212600000301", "Bonjour");
    // A number no client has: the thread processes it as unroutable, which needs no onboarding.
    const body = serializeAsMeta(
      messagesEnvelope("compiled-thread-number", { contacts: text.contacts, messages: [text.message] }),
    );
    const response = await fetch(`${url}/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": signatureFor(body, appSecret) },
      body,
    });
    expect(response.status).toBe(200);
    await eventually(async () => {
      const { rows } = await database.query(
        "SELECT processed_at IS NOT NULL AS processed FROM webhook_events",
      );
      return rows.length === 1 && (rows[0] as { processed: boolean }).processed;
    });

    // /metrics counts the thread's processing beside the HTTP thread's receipt, once each.
    const metrics = (await (await fetch(`${url}/metrics`)).text()).split("\n");
    const value = (name: string) =>
      Number(
        metrics
          .find((line) => line.startsWith(name))
          ?.split(" ")
          .at(-1),
      );
    expect(value("webhook_processing_seconds_count")).toBe(1);
    expect(value('webhook_deliveries_received_total{outcome="accepted"}')).toBe(1);
    expect(metrics.filter((line) => line.startsWith("# TYPE nodejs_heap_size_used_bytes"))).toHaveLength(1);
  });

  it("stops both threads on SIGTERM and exits cleanly", async () => {
    const exit = new Promise<number | null>((done) => server!.once("exit", (code) => done(code)));
    server!.kill("SIGTERM");
    expect(await exit).toBe(0);
    server = undefined;
  });
});
