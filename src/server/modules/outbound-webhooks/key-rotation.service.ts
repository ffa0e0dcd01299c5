import type { TokenVault } from "../../platform/crypto/token-vault";
import type { Db } from "../../platform/db/client";
import { tenantRepositories } from "../tenant-repositories";
import { webhookDispatchRepository } from "./dispatch.repository";
import { openEndpointSecret, sealEndpointSecret } from "./endpoint-secrets";

/**
 * Re-seals every endpoint's signing secret under the vault's newest key: the current one, and the
 * previous one while a rotation's overlap lasts (one whose overlap is over no longer signs and is
 * dropped). Safe while the service runs: each row is replaced only if unchanged since it was read.
 */
export async function rotateEndpointSecrets(
  db: Db,
  vault: TokenVault,
  now = new Date(),
): Promise<{ rotated: number; current: number; skipped: number }> {
  const counts = { rotated: 0, current: 0, skipped: 0 };
  for (const row of await webhookDispatchRepository(db).listSealedSecrets()) {
    const keepsPrevious =
      row.previousSecretSealed !== null &&
      row.previousSecretExpiresAt !== null &&
      row.previousSecretExpiresAt > now;
    const isCurrent =
      vault.isCurrent(row.secretSealed) &&
      (keepsPrevious ? vault.isCurrent(row.previousSecretSealed!) : row.previousSecretSealed === null);
    if (isCurrent) {
      counts.current++;
      continue;
    }
    const reseal = (sealed: string) =>
      sealEndpointSecret(vault, row.id, openEndpointSecret(vault, row.id, sealed));
    const after = {
      secretSealed: reseal(row.secretSealed),
      previousSecretSealed: keepsPrevious ? reseal(row.previousSecretSealed!) : null,
      previousSecretExpiresAt: keepsPrevious ? row.previousSecretExpiresAt : null,
    };
    const repos = tenantRepositories(db, row.clientId);
    if (await repos.webhookEndpoints.replaceSealedSecrets(row.id, row, after)) counts.rotated++;
    else counts.skipped++; // its secret was rotated meanwhile (sealed anew with the newest key)
  }
  return counts;
}
