import { z } from "zod";

export const ConnectionState = z.enum(["onboarding", "active", "needs_reconnect", "failed", "disconnected"]);
export type ConnectionState = z.infer<typeof ConnectionState>;

export const ConnectionSummary = z.object({
  id: z.uuid(),
  state: ConnectionState,
  wabaId: z.string().nullable(),
  phoneNumberId: z.string().nullable(),
  displayPhoneNumber: z.string().nullable(),
  verifiedName: z.string().nullable(),
  qualityRating: z.string().nullable(),
  messagingLimitTier: z.string().nullable(),
  createdAt: z.string(),
});
export type ConnectionSummary = z.infer<typeof ConnectionSummary>;
