import { parseArgs } from "node:util";
import { generateKey } from "../modules/accounts/secrets";
import { operatorRepository } from "../modules/operator/operator.repository";
import { loadConfig } from "../platform/config";
import { openDatabase } from "../platform/db/client";

// `npm run operator:create -- --name "LinkoJob back office"`: prints a new operator credential, once.
const { values } = parseArgs({ options: { name: { type: "string" } } });
if (!values.name?.trim()) {
  console.error('usage: npm run operator:create -- --name "LinkoJob back office"');
  process.exit(2);
}
const database = await openDatabase(loadConfig());
try {
  const generated = generateKey("ljop");
  const row = await operatorRepository(database.db).createCredential({
    name: values.name.trim(),
    prefix: generated.prefix,
    secretHash: generated.hash,
  });
  console.log(`operator credential ${row.id} created; it is shown this once, keep it in a secret store:`);
  console.log(generated.key);
} finally {
  await database.close();
}
