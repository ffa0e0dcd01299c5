/**
 * Dashboard tabs: Socket.io clients authenticated with an API key (`auth.token`), in a process of
 * their own. Each measures, for every `message:received`, the time since the load generator put
 * the stamped webhook on the wire (both processes read the same wall clock).
 */
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";

export type SocketRequest =
  | { type: "connect"; url: string; tenants: { token: string; sockets: number }[] }
  | { type: "record"; prefix: string }
  | { type: "report" }
  | { type: "close" };

export interface SocketReport {
  arrivals: number;
  latencies: number[];
  /** Distinct wamids seen, and how many reached every socket of their tenant. */
  distinct: number;
  complete: number;
}

const sockets: { socket: Socket; tenant: number }[] = [];
let socketsPerTenant: number[] = [];
let prefix: string | null = null;
const latencies: number[] = [];
const seen = new Map<string, number>();

const now = () => performance.timeOrigin + performance.now();

async function connect(url: string, tenants: { token: string; sockets: number }[]) {
  socketsPerTenant = tenants.map((t) => t.sockets);
  const pending: Promise<void>[] = [];
  tenants.forEach((tenant, index) => {
    for (let k = 0; k < tenant.sockets; k += 1) {
      const socket = io(url, {
        path: "/socket.io",
        transports: ["websocket"],
        auth: { token: tenant.token },
        reconnection: false,
      });
      socket.on(
        "message:received",
        (event: { message: { wamid: string | null; content: { type: string; body?: string } } }) => {
          const wamid = event.message.wamid;
          if (!prefix || !wamid?.startsWith(prefix)) return;
          const body = event.message.content.body ?? "";
          const stamp = Number(body.slice("bench ".length));
          if (Number.isFinite(stamp)) latencies.push(now() - stamp);
          seen.set(wamid, (seen.get(wamid) ?? 0) + 1);
        },
      );
      sockets.push({ socket, tenant: index });
      pending.push(
        new Promise<void>((resolve, reject) => {
          socket.once("connect", () => resolve());
          socket.once("connect_error", (error) => reject(error));
        }),
      );
    }
  });
  await Promise.all(pending);
  return { connected: sockets.filter((s) => s.socket.connected).length };
}

process.on("message", (request: SocketRequest) => {
  const answer = async () => {
    switch (request.type) {
      case "connect":
        return connect(request.url, request.tenants);
      case "record":
        prefix = request.prefix;
        latencies.length = 0;
        seen.clear();
        return { ok: true };
      case "report": {
        // Every tenant has the same number of sockets here; a wamid is complete when all got it.
        const expected = Math.min(...socketsPerTenant);
        let complete = 0;
        for (const count of seen.values()) if (count >= expected) complete += 1;
        const report: SocketReport = {
          arrivals: latencies.length,
          latencies: [...latencies],
          distinct: seen.size,
          complete,
        };
        return report;
      }
      case "close":
        for (const { socket } of sockets) socket.disconnect();
        sockets.length = 0;
        return { ok: true };
    }
  };
  answer()
    .then((result) => process.send?.(result))
    .catch((error: unknown) => process.send?.({ error: String(error) }));
});
process.on("disconnect", () => process.exit(0));
// A profiled run (BENCH_CPU_PROFILE) writes its profile on a clean exit only.
process.on("SIGTERM", () => process.exit(0));
