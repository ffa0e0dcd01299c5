import { rotateEverySealedSecret } from "../modules/key-rotation";
import { loadConfig } from "../platform/config";
import { loadOrCreateSandboxKeys, TokenVault } from "../platform/crypto/token-vault";
import { openDatabase } from "../platform/db/client";

// `npm run keys:rotate`: after putting a new key first in TOKEN_ENCRYPTION_KEYS (old ones after it)
// and restarting the service, re-seal every stored secret under the new key: connections' tokens
// and PINs, webhook endpoints' signing secrets, LinkoJob's own WABA token and pool numbers' PINs.
const config = loadConfig();
const vault = new TokenVault(config.tokenEncryptionKeys ?? loadOrCreateSandboxKeys(config.dataDir));
const database = await openDatabase(config);
try {
  const counts = await rotateEverySealedSecret(database.db, vault);
  for (const [what, c] of [
    ["connection(s)", counts.connections],
    ["webhook endpoint(s)", counts.webhookEndpoints],
    ["LinkoJob secret(s) (its WABA's token, its numbers' PINs)", counts.linkojob],
  ] as const)
    console.log(
      `key ${vault.currentVersion}: ${c.rotated} ${what} re-sealed, ${c.current} already current, ${c.skipped} changed meanwhile`,
    );
} finally {
  await database.close();
}
