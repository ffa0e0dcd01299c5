import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer, serverEntryPoints } from "../../scripts/build-server";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { freePort, stopChild, waitFor } from "../bench/support";
import { PATIENCE_MS } from "../support/waiting";

const root = resolve(import.meta.dirname, "../..");
/** A build of its own inside the repository (packages resolve from its `node_modules`), removed after. */
const buildRoot = mkdtempSync(join(root, "dist-test-build-"));
const outdir = join(buildRoot, "server");
/** Migrated by the compiled migrator, then served by the compiled server (PGlite costs seconds to create). */
const dataDir = mkdtempSync(join(tmpdir(), "lj-compiled-"));
let server: ChildProcess | undefined;
let serverOutput = "";

/** Plain `node`: no tsx loader inherited through NODE_OPTIONS, nothing but the compiled files. */
function plainNodeEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _loader, DATABASE_URL: _database, REDIS_URL: _redis, ...env } = process.env;
  return { ...env, NODE_ENV: "production", LOG_LEVEL: "warn", ...extra };
}

/** Starts `main.js` of the build with plain node (on the shared data folder unless `DATA_DIR` is given); resolves with its URL once it answers. */
async function startCompiled(extra: Record<string, string>): Promise<string> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  serverOutput = "";
  const child = spawn(process.execPath, [join(outdir, "main.js")], {
    env: plainNodeEnv({
      DATA_DIR: dataDir,
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: url,
      ...extra,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  server = child;
  const output = (chunk: Buffer) => {
    serverOutput += chunk.toString();
  };
  child.stdout?.on("data", output);
  child.stderr?.on("data", output);
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${serverOutput}`))),
  );
  await Promise.race([
    waitFor("the compiled server's /healthz", async () => (await fetch(`${url}/healthz`)).ok, PATIENCE_MS),
    exited,
  ]);
  return url;
}

beforeAll(async () => {
  await buildServer(outdir);
}, PATIENCE_MS);

afterAll(async () => {
  if (server) await stopChild(server);
  rmSync(buildRoot, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the compiled build (npm run build:server)", () => {
  it("has one JavaScript file per entry point and the SQL migrations beside them", () => {
    const files = readdirSync(outdir);
    for (const name of Object.keys(serverEntryPoints)) expect(files).toContain(`${name}.js`);
    const journal = readFileSync(join(outdir, "migrations/meta/_journal.json"), "utf8");
    expect(journal).toBe(
      readFileSync(join(root, "src/server/platform/db/migrations/meta/_journal.json"), "utf8"),
    );
  });

  it("imports only Node's own modules and the packages in `dependencies` (an image installs no devDependencies)", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const imported = new Set<string>();
    for (const file of readdirSync(outdir).filter((f) => f.endsWith(".js"))) {
      const code = readFileSync(join(outdir, file), "utf8");
      for (const m of code.matchAll(
        /(?:^|[\s;])(?:import|export)\s[^"'`;]*?from\s*"([^"]+)"|import\("([^"]+)"\)/gm,
      )) {
        const specifier = m[1] ?? m[2] ?? "";
        if (!specifier.startsWith(".")) imported.add(specifier);
      }
    }
    const packageOf = (s: string) =>
      s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0];
    const outside = [...imported].filter(
      (s) => !s.startsWith("node:") && !builtinModules.includes(s) && !(packageOf(s)! in pkg.dependencies),
    );
    expect(imported).toContain("fastify");
    expect(outside).toEqual([]);
  });

  it(
    "migrates a database with plain node (`npm run db:migrate:prod`)",
    () => {
      const journal = JSON.parse(readFileSync(join(outdir, "migrations/meta/_journal.json"), "utf8")) as {
        entries: unknown[];
      };
      const run = spawnSync(process.execPath, [join(outdir, "migrate.js")], {
        env: plainNodeEnv({ DATA_DIR: dataDir }),
        encoding: "utf8",
        timeout: PATIENCE_MS,
      });
      expect(run.stderr).toBe("");
      expect(run.stdout).toContain(
        `migrations applied: ${journal.entries.length}/${journal.entries.length} (pglite)`,
      );
      expect(run.status).toBe(0);
    },
    PATIENCE_MS,
  );

  it(
    "serves with plain node: healthy, ready with its migrations applied, the simulator mounted, a login",
    async () => {
      const url = await startCompiled({});
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: "ready" });
      const simulator = await fetch(`${url}/simulator/`);
      expect(simulator.status).toBe(200);
      expect(await simulator.text()).toContain("Meta simulator");
      expect(serverOutput).toContain("running in sandbox mode");
      // A login: the password hash (argon2's native addon) and the session work from the build.
      const login = await fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          email: demoAccount.recruiter.email,
          password: demoAccount.recruiter.password,
        }),
      });
      expect(login.status).toBe(200);
      expect(login.headers.get("set-cookie")).toBeTruthy();
    },
    PATIENCE_MS + 30_000,
  );

  it(
    "prepares a new data folder in a child process that exits, then serves from it: the demo account created once",
    async () => {
      if (server) await stopChild(server);
      const freshDir = mkdtempSync(join(tmpdir(), "lj-first-start-"));
      try {
        // Watch the server's children while it starts: initdb and the migrations take seconds.
        const childrenOf = (pid: number) =>
          spawnSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).stdout.trim();
        let started = false;
        let childSeen = false;
        const watching = (async () => {
          while (!started) {
            if (server?.pid && server.exitCode === null && childrenOf(server.pid)) childSeen = true;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        })();
        server = undefined;
        const url = await startCompiled({ DATA_DIR: freshDir }).finally(() => {
          started = true;
        });
        await watching;
        expect(childSeen).toBe(true);
        expect(serverOutput).toContain(`Data folder: ${freshDir} (demo account created)`);
        // The preparing child is gone: the server runs alone, with its own memory only.
        expect(childrenOf(server!.pid!)).toBe("");
        expect((await fetch(`${url}/readyz`)).status).toBe(200);
        await stopChild(server!);
        // A later start finds the database there: nothing created again.
        await startCompiled({ DATA_DIR: freshDir });
        expect(serverOutput).toContain(`Data folder: ${freshDir}\n`);
        await stopChild(server!);
      } finally {
        rmSync(freshDir, { recursive: true, force: true });
      }
    },
    2 * PATIENCE_MS,
  );

  it(
    "runs a worker-only process (ROLE=worker) answering only /healthz and its own /metrics",
    async () => {
      // PGlite takes one process at a time: the server of the test before is stopped first.
      if (server) await stopChild(server);
      const url = await startCompiled({ ROLE: "worker" });
      const metrics = await fetch(`${url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain("job_queue_depth");
      expect((await fetch(`${url}/api/conversations`)).status).toBe(404);
      expect((await fetch(`${url}/readyz`)).status).toBe(404);
    },
    PATIENCE_MS + 30_000,
  );
});
