import { type ChildProcess, fork } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export { sleep };

/** Percentile of a sorted copy of `values` (nearest rank); NaN when empty. */
export function percentile(values: number[] | Float64Array, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export const fmt = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "n/a";

/** Prints rows as a Markdown table (also what BENCHMARKS.md shows). */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** A free loopback port. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await new Promise<number>((resolve) =>
    probe.listen(0, "127.0.0.1", () => resolve((probe.address() as AddressInfo).port)),
  );
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Polls until `check` holds, or throws after `timeoutMs` saying what was awaited. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * A child process with an IPC channel, killed by `stopChildren`: TypeScript through tsx, or with
 * `compiled`, a file of the build (`npm run build:server`) run by plain node.
 */
const children = new Set<ChildProcess>();

export function startChild(
  file: string,
  options: {
    env?: Record<string, string>;
    execArgv?: string[];
    label: string;
    quiet?: boolean;
    /** Appends the child's stdout and stderr to this file instead of the console (a long, noisy run). */
    logFile?: string;
    /** `file` is JavaScript of the build: no TypeScript loader. */
    compiled?: boolean;
  },
): ChildProcess {
  const child = fork(file, [], {
    env: { ...process.env, ...options.env },
    execArgv: [...(options.compiled ? [] : ["--import", "tsx"]), ...(options.execArgv ?? [])],
    stdio: ["ignore", options.quiet ? "ignore" : "pipe", "pipe", "ipc"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: "a" });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    return child;
  }
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => `  [${options.label}] ${l}`)
      .join("\n");
  child.stdout?.on("data", (chunk: Buffer) => console.log(prefix(chunk)));
  child.stderr?.on("data", (chunk: Buffer) => console.error(prefix(chunk)));
  return child;
}

/** Sends one request to a child and waits for its answer (one request at a time per child). */
export function ask<T>(child: ChildProcess, message: object, timeoutMs = 600_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("child did not answer in time")), timeoutMs);
    const onMessage = (answer: unknown) => {
      clearTimeout(timer);
      child.off("exit", onExit);
      const reply = answer as { error?: string };
      if (reply && typeof reply === "object" && typeof reply.error === "string")
        reject(new Error(reply.error));
      else resolve(answer as T);
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      reject(new Error(`child exited (${code}) before answering`));
    };
    child.once("message", onMessage);
    child.once("exit", onExit);
    child.send(message);
  });
}

/** Kills one child at once (SIGKILL: no shutdown code runs, as in a crash) and waits for its end. */
export async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGKILL");
  await exited;
}

/** Stops one child: SIGTERM, then SIGKILL if it lingers. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function stopChildren(): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child)));
}

/** A JSON call over loopback HTTP. */
export async function http<T>(
  url: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: T; headers: Headers }> {
  const response = await fetch(url, {
    method: options.method ?? (options.body === undefined ? "GET" : "POST"),
    headers: {
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, json: json as T, headers: response.headers };
}

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds used by every PostgreSQL process on this machine (the server is local). */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.includes("(postgres)")) total += cpuSecondsOf(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Runs a bench's `main` as the process: its result is the exit code; a throw prints and exits 1. */
export function runAsProcess(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
