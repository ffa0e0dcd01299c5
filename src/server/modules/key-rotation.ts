import type { TokenVault } from "../platform/crypto/token-vault";
import type { Db } from "../platform/db/client";
import { rotateSealedSecrets } from "./connections/key-rotation.service";
import { rotateEndpointSecrets } from "./outbound-webhooks/key-rotation.service";
import { rotateLinkojobSecrets } from "./virtual-numbers/virtual-numbers.service";

export interface RotationCounts {
  rotated: number;
  current: number;
  skipped: number;
}

/**
 * `npm run keys:rotate`: every secret the vault seals, re-sealed under its newest key. The
 * connections' access tokens and PINs (a LinkoJob number's copy of LinkoJob's token included), the
 * webhook endpoints' signing secrets, and LinkoJob's own (its WABA's system-user token, its pool
 * numbers' PINs). Once each reports nothing left to re-seal, the old key can leave
 * TOKEN_ENCRYPTION_KEYS.
 */
export async function rotateEverySealedSecret(
  db: Db,
  vault: TokenVault,
): Promise<{ connections: RotationCounts; webhookEndpoints: RotationCounts; linkojob: RotationCounts }> {
  return {
    connections: await rotateSealedSecrets(db, vault),
    webhookEndpoints: await rotateEndpointSecrets(db, vault),
    linkojob: await rotateLinkojobSecrets(db, vault),
  };
}
