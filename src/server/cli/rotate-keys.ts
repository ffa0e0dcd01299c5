import { rotateSealedSecrets } from "../modules/connections/key-rotation.service";
import { loadConfig } from "../platform/config";
import { loadOrCreateSandboxKeys, TokenVault } from "../platform/crypto/token-vault";
import { openDatabase } from "../platform/db/client";

// `npm run keys:rotate`: after putting a new key first in TOKEN_ENCRYPTION_KEYS (old ones after it)
// and restarting the service, re-seal every stored secret under the new key.
const config = loadConfig();
const vault = new TokenVault(config.tokenEncryptionKeys ?? loadOrCreateSandboxKeys(config.dataDir));
const database = await openDatabase(config);
try {
  const counts = await rotateSealedSecrets(database.db, vault);
  console.log(
    `key ${vault.currentVersion}: ${counts.rotated} connection(s) re-sealed, ${counts.current} already current, ${counts.skipped} changed meanwhile`,
  );
} finally {
  await database.close();
}
