import http from "node:http";
import https from "node:https";

export interface TransportResponse {
  status: number;
  text: string;
}

/** A call that got no HTTP answer: refused, reset, or past its deadline. */
class TransportError extends Error {
  constructor(readonly reason: "TimeoutError" | "NetworkError") {
    super(reason === "TimeoutError" ? "timed out" : "network error");
    this.name = reason;
  }
}

/**
 * An idle socket is closed after 4 s, before a peer with Node's default 5 s keep-alive closes it
 * from its side (a request written on a socket the peer is closing fails without reaching it).
 */
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 256, scheduling: "lifo", timeout: 4_000 } as const;

/**
 * JSON calls to the Graph API over pooled keep-alive sockets. The send worker makes up to a
 * thousand calls a second; `fetch` spent a quarter of that worker's CPU on web streams, abort
 * signals and request objects, and `node:http` with an agent does the same work for a fraction.
 * Sockets are reused most-recent first, so an idle pool shrinks back on its own.
 */
export class HttpTransport {
  private readonly agents = {
    "http:": new http.Agent(AGENT_OPTIONS),
    "https:": new https.Agent(AGENT_OPTIONS),
  };

  request(
    url: URL,
    init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number },
  ): Promise<TransportResponse> {
    const protocol = url.protocol === "https:" ? "https:" : "http:";
    const module = protocol === "https:" ? https : http;
    const headers = { ...init.headers };
    if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));
    return new Promise((resolve, reject) => {
      const request = module.request(url, { method: init.method, headers, agent: this.agents[protocol] });
      const deadline = setTimeout(() => request.destroy(new TransportError("TimeoutError")), init.timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(deadline);
        reject(error instanceof TransportError ? error : new TransportError("NetworkError"));
      };
      request.on("error", fail);
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", fail);
        response.on("aborted", () => fail(new TransportError("NetworkError")));
        response.on("end", () => {
          clearTimeout(deadline);
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") });
        });
      });
      request.end(init.body);
    });
  }

  /** Closes idle sockets so a stopping process exits at once. */
  close(): void {
    for (const agent of Object.values(this.agents)) agent.destroy();
  }
}
