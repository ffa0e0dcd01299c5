import { hash, type Options, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const options: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * The stored hash of a user who has no password (single sign-on only): no argon2 hash, so no
 * password ever verifies against it.
 */
export const NO_PASSWORD = "!no-password";

/** The hash to store for an optional password. */
export function hashOptionalPassword(password: string | undefined): Promise<string> {
  return password ? hashPassword(password) : Promise.resolve(NO_PASSWORD);
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

// Verifying against this when the e-mail is unknown keeps both answers equally slow.
let decoyHash: Promise<string> | undefined;

/** True when the password matches; with no stored hash, spends the same time and answers false. */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    decoyHash ??= hashPassword("decoy-password-for-unknown-users");
    await verify(await decoyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
