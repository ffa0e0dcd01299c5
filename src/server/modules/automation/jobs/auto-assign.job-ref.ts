import { z } from "zod";
import { jobReference } from "../../../platform/jobs/define-job";

/** Gives a candidate's new conversation to a teammate by the client's rule (queued with its first message). */
export const autoAssignJobRef = jobReference(
  "automation.assign",
  z.object({ clientId: z.uuid(), conversationId: z.uuid() }),
);
