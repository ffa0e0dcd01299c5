import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface SandboxIntegrationSecrets {
  operatorApiKey: string;
  ssoSecret: string;
}

/**
 * The sandbox's operator credential and single sign-on secret: made once in the data folder, so
 * they stay the same from one start to the next and can be printed for a newcomer. Sandbox only.
 */
export function loadOrCreateSandboxIntegrationSecrets(dataDir: string): SandboxIntegrationSecrets {
  const file = join(dataDir, "integration-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as SandboxIntegrationSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: SandboxIntegrationSecrets = {
    operatorApiKey: `ljop_${randomBytes(32).toString("base64url")}`,
    ssoSecret: randomBytes(32).toString("base64url"),
  };
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}
