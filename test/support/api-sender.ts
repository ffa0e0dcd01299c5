import { connectedClient, eventually } from "./connected";
import { apiKeyCaller } from "./factories";
import type { SeededNumber } from "./simulated-signup";
import type { TestApp } from "./test-app";

/** The simulator's approved French template every number has, filled in. */
export const JOB_OPPORTUNITY = {
  name: "job_opportunity",
  language: "fr",
  body: [{ text: "Sara" }, { text: "cariste" }, { text: "Tanger" }],
};

/** A new client on `number`, its templates synced, and an API key that may send (`api`). */
export async function apiSender(app: TestApp, number: SeededNumber = "casablanca") {
  const client = await connectedClient(app, number);
  await eventually(async () => {
    const list = (await client.session.get("/api/templates")).json().templates as { name: string }[];
    return list.some((t) => t.name === JOB_OPPORTUNITY.name);
  });
  const key = await apiKeyCaller(app, client.owner, ["messages:send"]);
  return { ...client, api: key.caller };
}
