import { z } from "zod";
import { jobReference } from "../../../platform/jobs/define-job";

/**
 * Asks Meta for a WhatsApp Business app number's contacts or chat history, once each after its
 * onboarding: what the app holds then arrives through the `smb_app_state_sync` and `history` webhooks.
 */
export const requestAppDataJobRef = jobReference(
  "connections.request-app-data",
  z.object({
    clientId: z.uuid(),
    connectionId: z.uuid(),
    syncType: z.enum(["smb_app_state_sync", "history"]),
  }),
);
