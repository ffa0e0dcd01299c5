import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A PostgreSQL server of the drill's own, in a temporary folder on a free loopback port, so the
 * drill may stop it (`pg_ctl -m immediate stop`: what a crash or a lost machine does) and start
 * it again. Unlike CI's test server it keeps `fsync` and `synchronous_commit` on: the drill checks
 * durability, and what a crash can lose depends on them. As root it runs as `postgres`, as CI does.
 */
export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  start(): void;
  /** Immediate shutdown: no checkpoint, clients cut off; the next start replays the WAL. */
  stopImmediately(): void;
  destroy(): void;
}

function binaries(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  const newest = versions.at(-1);
  if (!newest) throw new Error(`no PostgreSQL server binaries under ${root} (apt-get install postgresql)`);
  return join(root, newest, "bin");
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root (the server refuses to run as root). */
function run(bin: string, args: string[]): void {
  const command = isRoot() ? "su" : bin;
  const argv = isRoot()
    ? [
        "postgres",
        "-s",
        "/bin/sh",
        "-c",
        [bin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" "),
      ]
    : args;
  execFileSync(command, argv, { stdio: ["ignore", "ignore", "pipe"] });
}

export function createPostgresCluster(port: number): PostgresCluster {
  const bin = binaries();
  const dir = mkdtempSync(join(tmpdir(), "lj-drill-pg-"));
  const data = join(dir, "data");
  const logFile = join(dir, "postgres.log");
  if (isRoot()) {
    try {
      execFileSync("id", ["postgres"], { stdio: "ignore" });
    } catch {
      execFileSync("useradd", ["-r", "-M", "postgres"]);
    }
    chownSync(
      dir,
      Number(execFileSync("id", ["-u", "postgres"]).toString()),
      Number(execFileSync("id", ["-g", "postgres"]).toString()),
    );
    chmodSync(dir, 0o700);
  }
  run(join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync"]);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=on",
    "-c synchronous_commit=on",
    "-c full_page_writes=on",
    "-c max_connections=200",
  ].join(" ");
  const cluster: PostgresCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: () =>
      run(join(bin, "pg_ctl"), ["-D", data, "-l", logFile, "-w", "-t", "60", "-o", options, "start"]),
    stopImmediately: () => run(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]),
    destroy() {
      if (!existsSync(dir)) return;
      try {
        run(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
