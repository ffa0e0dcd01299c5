import { z } from "zod";
import { jobReference } from "../../../platform/jobs/define-job";

/** Downloads an inbound message's media from Meta into storage. */
export const downloadMediaJobRef = jobReference(
  "messaging.download-media",
  z.object({ clientId: z.uuid(), mediaId: z.uuid() }),
);
