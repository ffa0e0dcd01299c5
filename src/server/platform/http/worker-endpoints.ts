import { createServer, type Server } from "node:http";
import type { Registry } from "prom-client";

/**
 * What a worker-only process (`ROLE=worker`) answers on its port: `/healthz` (the process answers,
 * for a container's health check) and `/metrics` (its own counters: Graph API errors by Meta code,
 * job queues). Nothing else: the API, the webhook and the sockets are the web instances'.
 */
export async function listenWorkerEndpoints(registry: Registry, host: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (request.method !== "GET" || (path !== "/healthz" && path !== "/metrics")) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":"not_found"}}');
      return;
    }
    if (path === "/healthz") {
      response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { "content-type": registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
