import type { ServerDeps } from "../../deps";
import { rateLimited } from "../../platform/errors";
import { sha256 } from "./secrets";

const WINDOW_MS = 15 * 60_000;

/**
 * The counts a login attempt adds to, each with its limit per 15 minutes: the address and e-mail
 * together (a guesser at one account), the address alone (password spraying: one address, many
 * e-mails) and the e-mail alone (a guesser spread over many addresses). The e-mail is hashed:
 * counters (in Redis too) hold no addresses of people.
 */
function countsFor(deps: ServerDeps, ip: string, email: string) {
  const { auth } = deps.config;
  const account = sha256(email.trim().toLowerCase()).slice(0, 32);
  return [
    { key: `login:ip-account:${ip}:${account}`, limit: auth.loginLimitPer15Min },
    { key: `login:ip:${ip}`, limit: auth.loginFailuresPerIpPer15Min },
    { key: `login:account:${account}`, limit: auth.loginFailuresPerAccountPer15Min },
  ];
}

/**
 * Counts a login attempt before its password is checked, so parallel guesses cannot all slip under
 * a limit, and refuses it (429 with Retry-After, no password check) once any count is past its
 * limit. The returned `succeeded` takes the attempt back: only failures count, and a user who logs
 * in all day is never locked out.
 */
export async function beginLoginAttempt(deps: ServerDeps, ip: string, email: string) {
  const counts = countsFor(deps, ip, email);
  const keys = counts.map((c) => c.key);
  const added = await deps.attemptCounters.add(keys, WINDOW_MS);
  const over = added.filter((result, i) => result.count > counts[i]!.limit);
  if (over.length > 0) {
    const waitMs = Math.max(...over.map((result) => result.resetInMs));
    throw rateLimited(Math.max(1, Math.ceil(waitMs / 1000)));
  }
  return { succeeded: () => deps.attemptCounters.remove(keys) };
}
