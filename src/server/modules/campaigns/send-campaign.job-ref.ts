import { z } from "zod";
import { jobReference } from "../../platform/jobs/define-job";

/**
 * Creates the messages of one round of a campaign's recipients, for the user or API key that
 * started it; the round queues the next one. `round` counts from 0 within a `chain`: the
 * campaign's creation starts chain "0", and each resume or retry starts its own (the next round's
 * job id is made of both, so a new chain is never mistaken for rounds already run).
 */
export const sendCampaignJobRef = jobReference(
  "campaigns.send",
  z.object({
    clientId: z.uuid(),
    campaignId: z.uuid(),
    actor: z.discriminatedUnion("type", [
      z.object({ type: z.literal("user"), userId: z.uuid() }),
      z.object({ type: z.literal("api_key"), keyId: z.uuid() }),
    ]),
    chain: z.string().min(1).max(64).default("0"),
    round: z.number().int().min(0).default(0),
  }),
);
