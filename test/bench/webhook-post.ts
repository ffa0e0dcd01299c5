import { Agent, request } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

/**
 * A keep-alive agent for `url`'s scheme. HTTPS trusts the system's roots plus `NODE_EXTRA_CA_CERTS`
 * (how a bench trusts its proxy's self-signed certificate).
 */
export const keepAliveAgent = (url: URL, maxSockets: number): Agent =>
  url.protocol === "https:"
    ? new HttpsAgent({ keepAlive: true, maxSockets })
    : new Agent({ keepAlive: true, maxSockets });

/**
 * One POST over a keep-alive agent: resolves with the HTTP status and the answer's text (kept only
 * when the status is not `keepTextUnless`, so a flood of successes costs nothing), rejects on a
 * connection error or after `timeoutMs` without an answer.
 */
export function postBody(
  agent: Agent,
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs?: number; keepTextUnless?: number } = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = (url.protocol === "https:" ? httpsRequest : request)(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...headers,
        },
        ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
      },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => {
          if (options.keepTextUnless !== undefined && res.statusCode !== options.keepTextUnless)
            text += chunk.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(body);
  });
}

/** One webhook POST as Meta makes it (signed bytes, Meta's user agent): resolves with the HTTP status. */
export async function postWebhook(
  agent: Agent,
  url: URL,
  body: string,
  signature: string,
  timeoutMs?: number,
): Promise<number> {
  const headers = { "x-hub-signature-256": signature, "user-agent": "facebookexternalua" };
  return (await postBody(agent, url, body, headers, timeoutMs ? { timeoutMs } : {})).status;
}
