import { z } from "zod";
import { jobReference } from "../../../platform/jobs/define-job";

/** Tells Meta a conversation's latest inbound message was read (blue ticks for the candidate). */
export const markReadJobRef = jobReference(
  "messaging.mark-read",
  z.object({ clientId: z.uuid(), conversationId: z.uuid() }),
);
