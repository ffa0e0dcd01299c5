import { z } from "zod";
import { jobReference } from "../../../platform/jobs/define-job";

/** Runs the onboarding steps of a new connection (details, subscribe, register, activate). */
export const onboardConnectionJobRef = jobReference(
  "connections.onboard",
  z.object({ clientId: z.uuid(), connectionId: z.uuid() }),
);
