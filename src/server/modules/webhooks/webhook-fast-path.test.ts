import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import type { ServerDeps } from "../../deps";
import { DatabaseAvailability } from "../../platform/db/availability";
import { unauthenticated } from "../../platform/errors";
import { createLogger } from "../../platform/logger";
import { ACCEPTED_ANSWER, type AcceptDelivery, WEBHOOK_BODY_LIMIT } from "./accept-delivery";
import { webhookFastPath } from "./webhook-fast-path";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A server with the fast path in front of a `next` that answers 299 with the URL it got. */
async function serve(accept: AcceptDelivery) {
  const log = createLogger("silent");
  const deps = {
    metrics: new Registry(),
    log,
    databaseAvailability: new DatabaseAvailability(async () => undefined, log),
  } as unknown as ServerDeps;
  const fastPath = webhookFastPath(deps, accept);
  server = createServer(
    fastPath.listener((request, response) => {
      response.writeHead(299).end(`next ${request.method} ${request.url}`);
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { fastPath, metrics: deps.metrics, port };
}

/** One request; the body is written in `chunks` (no Content-Length: chunked) when given. */
function send(
  port: number,
  options: {
    method?: string;
    path?: string;
    body?: Buffer;
    chunks?: Buffer[];
    headers?: Record<string, string>;
  },
) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: options.method ?? "POST",
          path: options.path ?? "/webhook",
          headers: options.headers,
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on("data", (part: Buffer) => parts.push(part));
          res.on("end", () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts).toString() }),
          );
        },
      );
      req.on("error", reject);
      if (options.chunks) for (const chunk of options.chunks) req.write(chunk);
      req.end(options.body);
    },
  );
}

describe("POST /webhook ahead of Fastify", () => {
  it("hands the exact bytes and the signature to accept, and answers 200 once it resolves", async () => {
    const seen: { raw: Buffer; signature: unknown }[] = [];
    const { port, metrics } = await serve(async (raw, signature) => {
      seen.push({ raw, signature });
    });
    const body = Buffer.from('{"entry":[{"text":"caf\\u00e9"}]}');
    const answer = await send(port, {
      chunks: [body.subarray(0, 5), body.subarray(5)],
      headers: { "x-hub-signature-256": "sha256=abc", "x-request-id": "req-1" },
    });
    expect(answer).toMatchObject({ status: 200, body: ACCEPTED_ANSWER });
    expect(answer.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(answer.headers["x-request-id"]).toBe("req-1");
    expect(seen).toEqual([{ raw: body, signature: "sha256=abc" }]);
    expect(await metrics.metrics()).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/webhook",status="200"\} 1/,
    );
    // With a query string too.
    expect((await send(port, { path: "/webhook?from=meta", body })).status).toBe(200);
  });

  it("answers accept's refusal as the API does, and 503 with Retry-After when the database is unreachable", async () => {
    let failure: Error = unauthenticated("Invalid X-Hub-Signature-256");
    const { port, metrics } = await serve(async () => {
      throw failure;
    });
    const refused = await send(port, { body: Buffer.from("{}") });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body)).toEqual({
      error: { code: "unauthenticated", message: "Invalid X-Hub-Signature-256" },
    });
    failure = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const down = await send(port, { body: Buffer.from("{}") });
    expect(down.status).toBe(503);
    expect(down.headers["retry-after"]).toBe("5");
    expect(JSON.parse(down.body).error.code).toBe("service_unavailable");
    failure = new Error("a bug");
    expect((await send(port, { body: Buffer.from("{}") })).status).toBe(500);
    expect(await metrics.metrics()).toMatch(/api_errors_total\{code="unauthenticated"\} 1/);
  });

  it("refuses a body above 3 MB with 413, declared or streamed, without calling accept", async () => {
    let calls = 0;
    const { port } = await serve(async () => {
      calls += 1;
    });
    const big = Buffer.alloc(WEBHOOK_BODY_LIMIT + 1, 0x20);
    const declared = await send(port, { body: big });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body).error.code).toBe("payload_too_large");
    const streamed = await send(port, {
      chunks: [big.subarray(0, WEBHOOK_BODY_LIMIT), big.subarray(WEBHOOK_BODY_LIMIT)],
    });
    expect(streamed.status).toBe(413);
    expect(calls).toBe(0);
  });

  it("leaves every other request to Fastify, and answers 503 once the server is closing", async () => {
    const { port, fastPath } = await serve(async () => undefined);
    expect((await send(port, { method: "GET", path: "/webhook?hub.mode=subscribe" })).body).toBe(
      "next GET /webhook?hub.mode=subscribe",
    );
    expect((await send(port, { path: "/webhooks", body: Buffer.from("{}") })).body).toBe(
      "next POST /webhooks",
    );
    expect((await send(port, { path: "/api/webhook", body: Buffer.from("{}") })).status).toBe(299);
    fastPath.close();
    const closing = await send(port, { body: Buffer.from("{}") });
    expect(closing.status).toBe(503);
    expect(closing.headers.connection).toBe("close");
  });
});
