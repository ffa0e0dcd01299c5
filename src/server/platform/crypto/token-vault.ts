import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const KEY_BYTES = 32;
const IV_BYTES = 12;

export class VaultError extends Error {
  override name = "VaultError";
}

/**
 * AES-256-GCM for access tokens and PINs at rest. Keys are versioned (`v2:<base64>,v1:<base64>`,
 * newest first): new secrets use the newest, old ones stay readable until re-encrypted, so a key
 * rotation needs no downtime. Each secret is bound to its place (`context`, e.g.
 * `connection:<id>:token`) as associated data, so a ciphertext copied to another row fails to open.
 */
export class TokenVault {
  private readonly keys: Map<string, Buffer>;
  readonly currentVersion: string;

  constructor(spec: string) {
    this.keys = parseKeys(spec);
    this.currentVersion = [...this.keys.keys()][0]!;
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.keys.get(this.currentVersion)!, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url"));
    return [this.currentVersion, ...parts].join(".");
  }

  /** @throws VaultError when the key version is unknown or the ciphertext or context was altered. */
  decrypt(sealed: string, context: string): string {
    const [version, iv, tag, body] = sealed.split(".");
    const key = version ? this.keys.get(version) : undefined;
    if (!key || !iv || !tag || body === undefined)
      throw new VaultError(`cannot open secret sealed with key ${version ?? "?"}`);
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      throw new VaultError("secret failed authentication (wrong key, altered data or wrong context)");
    }
  }

  /** True when the secret is sealed with the newest key (rotation skips it). */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${this.currentVersion}.`);
  }
}

function parseKeys(spec: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const entry of spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^(v\d+):(.+)$/.exec(entry);
    if (!match)
      throw new VaultError(`TOKEN_ENCRYPTION_KEYS: "${entry.slice(0, 4)}…" is not <version>:<base64 key>`);
    const key = Buffer.from(match[2]!, "base64");
    if (key.length !== KEY_BYTES)
      throw new VaultError(`TOKEN_ENCRYPTION_KEYS: key ${match[1]} must be ${KEY_BYTES} bytes`);
    if (keys.has(match[1]!)) throw new VaultError(`TOKEN_ENCRYPTION_KEYS: key ${match[1]} appears twice`);
    keys.set(match[1]!, key);
  }
  if (keys.size === 0) throw new VaultError("TOKEN_ENCRYPTION_KEYS: no key given");
  return keys;
}

export function generateKeySpec(version = "v1"): string {
  return `${version}:${randomBytes(KEY_BYTES).toString("base64")}`;
}

/** Sandbox: a key kept in the data folder, made on first start (readable by the owner only). */
export function loadOrCreateSandboxKeys(dataDir: string): string {
  const file = join(dataDir, "token-encryption-keys");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const spec = generateKeySpec();
  writeFileSync(file, `${spec}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return spec;
}
