import { z } from "zod";
import { jobReference } from "../../../platform/jobs/define-job";

/** Answers a candidate's message written outside business hours (queued with the message). */
export const awayReplyJobRef = jobReference(
  "automation.away-reply",
  z.object({ clientId: z.uuid(), conversationId: z.uuid(), messageId: z.uuid() }),
);
