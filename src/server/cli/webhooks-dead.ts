import { deadDeliveryLine, listDeadDeliveries } from "../modules/webhooks/dead-deliveries";
import { loadConfig } from "../platform/config";
import { openDatabase } from "../platform/db/client";

// `npm run webhooks:dead`: the webhook deliveries set aside after their last failed attempt, with
// the last reason. Fix the cause, then `npm run webhooks:replay -- <id…|--dead>`.
const database = await openDatabase(loadConfig());
try {
  const dead = await listDeadDeliveries(database.db);
  for (const delivery of dead) console.log(deadDeliveryLine(delivery));
  console.log(`${dead.length} dead webhook deliver${dead.length === 1 ? "y" : "ies"}`);
} finally {
  await database.close();
}
