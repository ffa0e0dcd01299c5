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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactedPaths, censor: "[redacted]" },
      base: { service: "linkojob-whatsapp" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
