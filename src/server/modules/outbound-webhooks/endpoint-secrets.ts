import type { TokenVault } from "../../platform/crypto/token-vault";

/** Bound into the ciphertext, so a sealed secret copied to another endpoint fails to open. */
const secretContext = (endpointId: string) => `webhook-endpoint:${endpointId}:secret`;

export const sealEndpointSecret = (vault: TokenVault, endpointId: string, secret: string) =>
  vault.encrypt(secret, secretContext(endpointId));
export const openEndpointSecret = (vault: TokenVault, endpointId: string, sealed: string) =>
  vault.decrypt(sealed, secretContext(endpointId));
