import { randomInt } from "node:crypto";
import type { TokenVault } from "../../platform/crypto/token-vault";

/** Where each secret lives, bound into its ciphertext so it cannot be moved to another row. */
const tokenContext = (connectionId: string) => `connection:${connectionId}:token`;
const pinContext = (connectionId: string) => `connection:${connectionId}:pin`;

export const sealToken = (vault: TokenVault, connectionId: string, token: string) =>
  vault.encrypt(token, tokenContext(connectionId));
export const openToken = (vault: TokenVault, connectionId: string, sealed: string) =>
  vault.decrypt(sealed, tokenContext(connectionId));
export const sealPin = (vault: TokenVault, connectionId: string, pin: string) =>
  vault.encrypt(pin, pinContext(connectionId));
export const openPin = (vault: TokenVault, connectionId: string, sealed: string) =>
  vault.decrypt(sealed, pinContext(connectionId));

/** A two-step verification PIN for a number that has none yet. */
export function generatePin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, "0");
}
