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
