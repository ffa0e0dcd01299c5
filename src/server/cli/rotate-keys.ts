import { rotateStoredSecrets } from "../modules/connections/key-rotation.service";
import { loadConfig } from "../platform/config";
import { loadOrCreateSandboxKeys, TokenVault } from "../platform/crypto/token-vault";
import { openDatabase } from "../platform/db/client";

// `npm run keys:rotate`: after putting a new key first in TOKEN_ENCRYPTION_KEYS (old ones after it)
// and restarting the service, re-seal every stored secret under the new key.
const config = loadConfig();
const vault = new TokenVault(config.tokenEncryptionKeys ?? loadOrCreateSandboxKeys(config.dataDir));
const database = await openDatabase(config);
try {
  const { connections, linkojob } = await rotateStoredSecrets(database.db, vault);
  console.log(
    `key ${vault.currentVersion}: ${connections.rotated} connection(s) re-sealed, ${connections.current} already current, ${connections.skipped} changed meanwhile`,
  );
  console.log(
    `key ${vault.currentVersion}: ${linkojob.rotated} LinkoJob secret(s) (its WABA's token, its numbers' PINs) re-sealed, ${linkojob.current} already current, ${linkojob.skipped} changed meanwhile`,
  );
} finally {
  await database.close();
}
