import { parseArgs } from "node:util";
import { passwordWeakness, personalWords } from "../modules/accounts/password-strength";
import { provisionClient } from "../modules/accounts/provisioning.repository";
import { loadConfig } from "../platform/config";
import { openDatabase } from "../platform/db/client";

// `npm run client:create -- --name "Acme RH" --owner-email a@acme.ma --owner-name "A. B."`
// The owner's password is read from OWNER_PASSWORD so that it stays out of shell history.
const { values } = parseArgs({
  options: {
    name: { type: "string" },
    country: { type: "string", default: "MA" },
    "owner-email": { type: "string" },
    "owner-name": { type: "string" },
  },
});
const password = process.env.OWNER_PASSWORD;
if (!values.name || !values["owner-email"] || !values["owner-name"] || !password || password.length < 10) {
  console.error(
    "usage: OWNER_PASSWORD=... npm run client:create -- --name NAME --owner-email EMAIL --owner-name NAME [--country MA]",
  );
  console.error("(OWNER_PASSWORD: at least 10 characters)");
  process.exit(2);
}
const weakness = await passwordWeakness(
  password,
  personalWords({ email: values["owner-email"], name: values["owner-name"] }),
);
if (weakness) {
  console.error(`OWNER_PASSWORD is ${weakness}`);
  process.exit(2);
}
const database = await openDatabase(loadConfig());
try {
  const { client, owner } = await provisionClient(database.db, {
    name: values.name,
    defaultCountry: values.country,
    owner: { email: values["owner-email"], name: values["owner-name"], password },
  });
  console.log(`client ${client.id} created with owner ${owner.email}`);
} finally {
  await database.close();
}
