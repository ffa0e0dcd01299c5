import type { TokenVault } from "../platform/crypto/token-vault";
import type { Db } from "../platform/db/client";
import { rotateSealedSecrets } from "./connections/key-rotation.service";
import { rotateEndpointSecrets } from "./outbound-webhooks/key-rotation.service";

export interface RotationCounts {
  rotated: number;
  current: number;
  skipped: number;
}

/**
 * `npm run keys:rotate`: every secret the vault seals, re-sealed under its newest key. The
 * connections' access tokens and PINs, and the webhook endpoints' signing secrets. Once both report
 * nothing left to re-seal, the old key can leave TOKEN_ENCRYPTION_KEYS.
 */
export async function rotateEverySealedSecret(
  db: Db,
  vault: TokenVault,
): Promise<{ connections: RotationCounts; webhookEndpoints: RotationCounts }> {
  return {
    connections: await rotateSealedSecrets(db, vault),
    webhookEndpoints: await rotateEndpointSecrets(db, vault),
  };
}
