import pino, { type Logger } from "pino";

export type { Logger };

/**
 * Paths that never reach a log line: credentials, tokens, cookies. Message bodies and full phone
 * numbers are not logged at info either; modules log ids instead.
 */
export const redactedPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "password",
  "*.password",
  "token",
  "*.token",
  "accessToken",
  "*.accessToken",
  "access_token",
  "*.access_token",
  "secret",
  "*.secret",
  "pin",
  "*.pin",
];

/**
 * Query parameters whose values are credentials: Meta's webhook verify token, OAuth codes and
 * states, and the tokens and app secret the Graph API takes in its query (which the sandbox's
 * simulator receives as requests of this very process).
 */
const secretQueryParameters = new Set([
  "hub.verify_token",
  "code",
  "state",
  "access_token",
  "input_token",
  "fb_exchange_token",
  "client_secret",
  "token",
]);

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll("+", " ")).toLowerCase();
  } catch {
    return raw.toLowerCase();
  }
}

/** The URL with the values of secret query parameters replaced; everything else as it came. */
export function redactUrl(url: string): string {
  const start = url.indexOf("?");
  if (start === -1) return url;
  const pairs = url
    .slice(start + 1)
    .split("&")
    .map((pair) => {
      const name = pair.split("=", 1)[0]!;
      return secretQueryParameters.has(decodedName(name)) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, start)}?${pairs.join("&")}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Fastify's request serializer, with the URL's secrets redacted (it takes precedence over Fastify's own). */
function serializeRequest(request: LoggedRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactedPaths, censor: "[redacted]" },
      serializers: { req: serializeRequest },
      base: { service: "linkojob-whatsapp" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** Logs `message` at warn level at most once per interval: for errors that repeat on every retry. */
export function occasionalWarning(log: Logger, message: string, everyMs = 60_000): (error: unknown) => void {
  let lastAt = 0;
  return (error) => {
    if (Date.now() - lastAt < everyMs) return;
    lastAt = Date.now();
    log.warn({ err: error }, message);
  };
}
