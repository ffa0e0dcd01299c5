import { z } from "zod";
import { jobReference } from "../../../platform/jobs/define-job";

/** Reopens a snoozed conversation when its snooze ends (queued with the snooze, to start then). */
export const endSnoozeJobRef = jobReference(
  "conversations.end-snooze",
  z.object({ clientId: z.uuid(), conversationId: z.uuid() }),
);
