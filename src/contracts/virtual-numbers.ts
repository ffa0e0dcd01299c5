import { z } from "zod";

/** Meta's ids are digits. */
const GraphId = z
  .string()
  .trim()
  .regex(/^\d{1,30}$/, "must be a Meta id (digits)");

/** LinkoJob's WABA and its system-user token; the numbers to put in the pool (all of the WABA's when omitted). */
export const RegisterVirtualWabaBody = z.object({
  wabaId: GraphId,
  accessToken: z.string().trim().min(20).max(1000),
  phoneNumberIds: z.array(GraphId).min(1).max(500).optional(),
});

export const VirtualNumberState = z.enum(["available", "assigned", "quarantined"]);

export const VirtualNumberAssignment = z.object({
  id: z.uuid(),
  clientId: z.uuid(),
  connectionId: z.uuid().nullable(),
  displayName: z.string(),
  assignedAt: z.iso.datetime(),
  releasedAt: z.iso.datetime().nullable(),
});

export const VirtualNumber = z.object({
  id: z.uuid(),
  wabaId: z.string(),
  phoneNumberId: z.string(),
  displayPhoneNumber: z.string(),
  state: VirtualNumberState,
  /** Set once released: before this time the number cannot be assigned again. */
  quarantinedUntil: z.iso.datetime().nullable(),
  /** The open assignment, if any. */
  assignment: VirtualNumberAssignment.nullable(),
});

export const VirtualNumberDetail = VirtualNumber.extend({
  /** Every assignment of the number, newest first. */
  history: z.array(VirtualNumberAssignment),
});

export const VirtualWaba = z.object({
  id: z.uuid(),
  wabaId: z.string(),
  name: z.string().nullable(),
});

export const VirtualNumberPool = z.object({
  wabas: z.array(VirtualWaba),
  numbers: z.array(VirtualNumber),
});

export const VirtualNumberParams = z.object({ numberId: z.uuid() });

export const AssignVirtualNumberBody = z.object({
  clientId: z.uuid(),
  /** The name candidates see, the client's; Meta reviews it. */
  displayName: z.string().trim().min(3).max(100),
});

export const AssignedVirtualNumber = z.object({
  number: VirtualNumber,
  /** The client's new connection (onboarding, then active). */
  connectionId: z.uuid(),
});

export type RegisterVirtualWabaBody = z.infer<typeof RegisterVirtualWabaBody>;
export type AssignVirtualNumberBody = z.infer<typeof AssignVirtualNumberBody>;
export type VirtualNumber = z.infer<typeof VirtualNumber>;
export type VirtualNumberDetail = z.infer<typeof VirtualNumberDetail>;
export type VirtualNumberPool = z.infer<typeof VirtualNumberPool>;

/** What a client's Connections page offers besides its own number: one of LinkoJob's. */
export const LinkojobNumberOffer = z.object({
  /** Clients may take a LinkoJob number themselves here (LinkoJob connected its WABA and allows it). */
  offered: z.boolean(),
  /** A number is free now. */
  available: z.boolean(),
  /** What it costs the client each month, in MAD (the whole month, from the rate card). */
  monthlyFeeMad: z.number(),
  /** LinkoJob numbers the client holds now, and how many it may hold by taking them itself. */
  held: z.number().int(),
  limit: z.number().int(),
});
export type LinkojobNumberOffer = z.infer<typeof LinkojobNumberOffer>;

export const TakeLinkojobNumberBody = z.object({
  /** The name candidates will see, the client's; Meta reviews it (3 to 100 characters). */
  displayName: z.string().trim().min(3).max(100),
});
export type TakeLinkojobNumberBody = z.infer<typeof TakeLinkojobNumberBody>;

/** Why no LinkoJob number could be taken (`details.reason` of `linkojob_number_unavailable`). */
export const LINKOJOB_NUMBER_UNAVAILABLE_REASONS = ["not_offered", "pool_empty", "limit_reached"] as const;
export type LinkojobNumberUnavailableReason = (typeof LINKOJOB_NUMBER_UNAVAILABLE_REASONS)[number];
