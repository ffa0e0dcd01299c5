import { z } from "zod";
import { jobReference } from "../../platform/jobs/define-job";

/**
 * Creates the messages of one round of a campaign's recipients, for the user or API key that
 * started it; the round queues the next one. `round` counts from 0 (the job the campaign's
 * creation queued).
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
    round: z.number().int().min(0).default(0),
  }),
);
