import { type ChildProcess, spawn } from "node:child_process";
import { createConnection } from "node:net";
import { freePort } from "../bench/support";

/** Debian's redis-server; tests and benches that need Redis start their own on a free port. */
export const REDIS_SERVER = "/usr/bin/redis-server";

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const isOpen = await new Promise<boolean>((resolve) => {
      const probe = createConnection({ host: "127.0.0.1", port });
      probe.once("connect", () => {
        probe.destroy();
        resolve(true);
      });
      probe.once("error", () => resolve(false));
    });
    if (isOpen) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not open port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A throwaway Redis without persistence; `url` for REDIS_URL, `stop()` when done. */
export async function startRedis(timeoutMs = 10_000): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const server: ChildProcess = spawn(
    REDIS_SERVER,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  await waitForPort(port, timeoutMs);
  return { url: `redis://127.0.0.1:${port}`, stop: () => server.kill() };
}
