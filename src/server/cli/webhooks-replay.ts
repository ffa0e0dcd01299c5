import { replayDeliveries, replayTargetOf } from "../modules/webhooks/dead-deliveries";
import { loadConfig } from "../platform/config";
import { openDatabase } from "../platform/db/client";

// `npm run webhooks:replay -- 42 43` or `npm run webhooks:replay -- --dead`: dead webhook deliveries
// are processed again, once each (a delivery that fails again is dead again, with its new reason).
const target = replayTargetOf(process.argv.slice(2));
if (typeof target === "object" && !Array.isArray(target)) {
  console.error(`usage: npm run webhooks:replay -- <id…|--dead>  (${target.error})`);
  process.exit(2);
}
const database = await openDatabase(loadConfig());
try {
  const { replayed, refused } = await replayDeliveries(database.db, target);
  console.log(
    `${replayed.length} replayed${replayed.length > 0 ? `: ${replayed.map((id) => `#${id}`).join(" ")}` : ""}`,
  );
  for (const { id, reason } of refused) console.error(`#${id} not replayed: ${reason}`);
  if (refused.length > 0) process.exitCode = 1;
} finally {
  await database.close();
}
