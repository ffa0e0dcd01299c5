import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateKeySpec, loadOrCreateSandboxKeys, TokenVault } from "./token-vault";

describe("TokenVault", () => {
  const v1 = generateKeySpec("v1");
  const v2 = generateKeySpec("v2");

  it("round-trips a secret without storing it in clear", () => {
    const vault = new TokenVault(v1);
    const sealed = vault.encrypt("EAAG-secret-token", "connection:1:token");
    expect(sealed).not.toContain("EAAG");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(vault.decrypt(sealed, "connection:1:token")).toBe("EAAG-secret-token");
    expect(vault.encrypt("EAAG-secret-token", "connection:1:token")).not.toBe(sealed);
  });

  it("refuses a secret moved to another place, or altered", () => {
    const vault = new TokenVault(v1);
    const sealed = vault.encrypt("123456", "connection:1:pin");
    expect(() => vault.decrypt(sealed, "connection:2:pin")).toThrow(/failed authentication/);
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith("A") ? "B" : "A"}A`;
    expect(() => vault.decrypt(tampered, "connection:1:pin")).toThrow(/failed authentication/);
  });

  it("reads old secrets after a new key is added, and seals new ones with it", () => {
    const old = new TokenVault(v1).encrypt("token", "c");
    const rotated = new TokenVault(`${v2},${v1}`);
    expect(rotated.decrypt(old, "c")).toBe("token");
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.isCurrent(rotated.encrypt("token", "c"))).toBe(true);
    expect(() => new TokenVault(v2).decrypt(old, "c")).toThrow(/key v1/);
  });

  it("explains a malformed key list without echoing the key", () => {
    expect(() => new TokenVault("v1:short")).toThrow("key v1 must be 32 bytes");
    expect(() => new TokenVault("nonsense-secret")).toThrow(/is not <version>:<base64 key>/);
    expect(() => new TokenVault("nonsense-secret")).not.toThrow(/secret/);
    expect(() => new TokenVault(`${v1},${v1}`)).toThrow(/appears twice/);
  });

  it("sandbox keeps one key in the data folder, private to its owner", () => {
    const dir = mkdtempSync(join(tmpdir(), "lj-vault-"));
    try {
      const first = loadOrCreateSandboxKeys(dir);
      expect(loadOrCreateSandboxKeys(dir)).toBe(first);
      expect(statSync(join(dir, "token-encryption-keys")).mode & 0o777).toBe(0o600);
      expect(() => new TokenVault(first)).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
