import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphClient } from "./graph-client";
import { GraphError } from "./graph-error";

/** A stand-in Graph server whose answer each test chooses; it records what it was sent. */
let answer: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;
const seen: {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: number;
}[] = [];
const sockets = new WeakMap<object, number>();
let socketCount = 0;
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (!sockets.has(req.socket)) sockets.set(req.socket, ++socketCount);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body,
        socket: sockets.get(req.socket) ?? 0,
      });
      answer(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The product's default timeout unless a test is about timing out: a loaded machine can be slow. */
function client(timeoutMs = 20_000): GraphClient {
  return new GraphClient({ baseUrl, version: "v23.0", appId: "app", appSecret: "secret", timeoutMs });
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

describe("GraphClient over keep-alive sockets", () => {
  it("sends JSON with the bearer token and appsecret_proof, and reuses one socket for calls in a row", async () => {
    seen.length = 0;
    answer = (_req, _body, res) => json(res, 200, { messages: [{ id: "wamid.A" }] });
    const graph = client();
    for (let i = 0; i < 3; i++) {
      const result = await graph.sendMessage("123", "token-1", {
        to: "212600000000",
        type: "text",
        text: { body: `héllo ${i}` },
      });
      expect(result.messages[0]?.id).toBe("wamid.A");
    }
    expect(seen).toHaveLength(3);
    const proof = createHmac("sha256", "secret").update("token-1").digest("hex");
    expect(seen[0]?.method).toBe("POST");
    expect(seen[0]?.url).toBe(`/v23.0/123/messages?appsecret_proof=${proof}`);
    expect(seen[0]?.headers.authorization).toBe("Bearer token-1");
    expect(JSON.parse(seen[2]?.body ?? "")).toEqual({
      messaging_product: "whatsapp",
      to: "212600000000",
      type: "text",
      text: { body: "héllo 2" },
    });
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
    graph.close();
  });

  it("turns Meta's error envelope into a GraphError with its code and details", async () => {
    answer = (_req, _body, res) =>
      json(res, 400, {
        error: {
          message: "(#131047) Re-engagement message",
          code: 131047,
          error_data: { details: "24 hours passed" },
        },
      });
    const error = await client()
      .sendMessage("123", "t", { to: "1", type: "text", text: { body: "x" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).code).toBe(131047);
    expect((error as GraphError).details).toMatchObject({ httpStatus: 400, detail: "24 hours passed" });
  });

  it("fails a call that gets no answer in time as unreachable, with no code", async () => {
    answer = () => {}; // never answers
    const started = Date.now();
    const error = (await client(300)
      .sendMessage("123", "t", { to: "1", type: "text", text: { body: "x" } })
      .catch((e: unknown) => e)) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.message).toBe("Graph API unreachable (TimeoutError)");
    expect(error.code).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it("fails a refused connection and a non-JSON answer with a clear error", async () => {
    const closed = new GraphClient({
      baseUrl: "http://127.0.0.1:1",
      version: "v23.0",
      appId: "a",
      appSecret: "s",
    });
    const refused = (await closed.getMedia("m", "t").catch((e: unknown) => e)) as GraphError;
    expect(refused.message).toBe("Graph API unreachable (NetworkError)");

    answer = (_req, _body, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html>bad gateway</html>");
    };
    const gateway = (await client()
      .getMedia("m", "t")
      .catch((e: unknown) => e)) as GraphError;
    expect(gateway.message).toBe("Graph API answered HTTP 502");
    expect(gateway.details.httpStatus).toBe(502);
  });

  it("survives the peer closing an idle keep-alive socket", async () => {
    answer = (_req, _body, res) => json(res, 200, { id: "m", url: "u" });
    const graph = client();
    await graph.getMedia("m", "t");
    server.closeIdleConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(graph.getMedia("m", "t")).resolves.toMatchObject({ id: "m" });
    graph.close();
  });
});
