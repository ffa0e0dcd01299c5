/** Meta allows 10 register/deregister calls per number in a moving 72-hour window (error 133016). */
export const REGISTRATION_LIMIT = 10;
export const REGISTRATION_WINDOW_MS = 72 * 3_600_000;

function recent(attempts: string[], now: number): string[] {
  return attempts.filter((at) => now - Date.parse(at) < REGISTRATION_WINDOW_MS);
}

export function canAttemptRegistration(attempts: string[], now = Date.now()): boolean {
  return recent(attempts, now).length < REGISTRATION_LIMIT;
}

/** The attempts of the window plus one now (older ones are dropped to keep the list short). */
export function withRegistrationAttempt(attempts: string[], now = Date.now()): string[] {
  return [...recent(attempts, now), new Date(now).toISOString()];
}
