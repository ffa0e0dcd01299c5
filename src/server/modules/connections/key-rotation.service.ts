import type { TokenVault } from "../../platform/crypto/token-vault";
import type { Db } from "../../platform/db/client";
import { tenantRepositories } from "../tenant-repositories";
import { connectionDirectory } from "./connection-directory.repository";
import { openPin, openToken, sealPin, sealToken } from "./connection-secrets";

/**
 * Re-seals every token and PIN under the vault's newest key. Safe while the service runs: the
 * vault still reads old keys, and each row is replaced only if unchanged since it was read.
 * Once it reports nothing left, the old key can leave TOKEN_ENCRYPTION_KEYS.
 */
export async function rotateSealedSecrets(
  db: Db,
  vault: TokenVault,
): Promise<{ rotated: number; current: number; skipped: number }> {
  const counts = { rotated: 0, current: 0, skipped: 0 };
  for (const row of await connectionDirectory(db).listSealedSecrets()) {
    const isCurrent =
      (!row.accessTokenSealed || vault.isCurrent(row.accessTokenSealed)) &&
      (!row.pinSealed || vault.isCurrent(row.pinSealed));
    if (isCurrent) {
      counts.current++;
      continue;
    }
    const after = {
      accessTokenSealed:
        row.accessTokenSealed && sealToken(vault, row.id, openToken(vault, row.id, row.accessTokenSealed)),
      pinSealed: row.pinSealed && sealPin(vault, row.id, openPin(vault, row.id, row.pinSealed)),
    };
    const repos = tenantRepositories(db, row.clientId);
    if (await repos.connections.replaceSealedSecrets(row.id, row, after)) counts.rotated++;
    else counts.skipped++; // changed meanwhile (a reconnect sealed it anew with the newest key)
  }
  return counts;
}
