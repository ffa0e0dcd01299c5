import { z } from "zod";
import { jobReference } from "../../../platform/jobs/define-job";

/** One outbound message to send to Meta (`components`: a template's values, already checked). */
export const sendMessageJobRef = jobReference(
  "messaging.send",
  z.object({
    clientId: z.uuid(),
    messageId: z.uuid(),
    components: z.array(z.unknown()).default([]),
    /** The send slot an earlier attempt reserved for this message in its budgets (epoch ms). */
    slotAt: z.number().int().optional(),
  }),
);
