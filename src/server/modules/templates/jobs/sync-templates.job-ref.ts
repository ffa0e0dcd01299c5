import { z } from "zod";
import { jobReference } from "../../../platform/jobs/define-job";

/** Reads a connection's templates from Meta (or every connection's, when scheduled). */
export const syncTemplatesJobRef = jobReference(
  "templates.sync",
  z.object({ clientId: z.uuid().optional(), connectionId: z.uuid().optional() }),
);
