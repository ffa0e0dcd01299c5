import type { LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { hostOf, type Resolver, resolvePublic } from "./address-guard";

/** The answer kept in the log: at most this much of the body. */
export const RESPONSE_EXCERPT_BYTES = 2048;

export interface PostOutcome {
  status: number | null;
  body: string | null;
  error: string | null;
  latencyMs: number;
}

export interface PostOptions {
  timeoutMs: number;
  resolver: Resolver;
  allowPrivate: boolean;
}

/**
 * POSTs one signed event. The host is resolved once, every address checked, and the connection made
 * to a checked address (the lookup the socket uses is this check), so a name that resolves to a
 * public address at registration and to a private one now (DNS rebinding) is refused here.
 * Redirects are not followed; the whole attempt, answer included, ends at `timeoutMs`. The outcome
 * carries the call's latency.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: PostOptions,
): Promise<PostOutcome> {
  // The latency is the HTTP call's: from sending the request (the address already checked) to the
  // answer's end, its error or the time limit. An attempt refused before any request counts its check.
  let started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: Omit<PostOutcome, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, latencyMs: elapsed() });
    };
    const fail = (error: unknown) =>
      finish({ status: null, body: null, error: error instanceof Error ? error.message : String(error) });

    let target: URL;
    try {
      target = new URL(url);
    } catch (error) {
      fail(error);
      return;
    }
    timer = setTimeout(() => {
      fail(new Error(`no answer within ${options.timeoutMs} ms`));
      request?.destroy();
    }, options.timeoutMs);
    let request: http.ClientRequest | undefined;
    // Checked before any connection (an IP literal never goes through a lookup); the socket then
    // connects to one of these very addresses.
    resolvePublic(hostOf(target), options.resolver, options.allowPrivate).then((addresses) => {
      if (settled) return;
      const lookup = (
        _hostname: string,
        lookupOptions: { all?: boolean },
        callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
      ) =>
        lookupOptions.all
          ? callback(null, addresses)
          : callback(null, addresses[0]!.address, addresses[0]!.family);
      const transport = target.protocol === "https:" ? https : http;
      started = performance.now();
      request = transport.request(target, {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        lookup: lookup as never,
        agent: false,
      });
      listen(request);
      request.end(body);
    }, fail);

    const listen = (request: http.ClientRequest) => {
      request.on("error", fail);
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          finish({
            status: response.statusCode ?? null,
            body: Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8"),
            error: null,
          });
        response.on("data", (chunk: Buffer) => {
          if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_EXCERPT_BYTES) {
            done();
            response.destroy();
          }
        });
        response.on("end", done);
        response.on("error", (error) => (settled ? undefined : fail(error)));
      });
    };
  });
}
