import type { SimContext } from "../context";
import { digitsOf, type PhoneNumber } from "../state";

export type DisplayNameDecision = "APPROVED" | "REJECTED";

/** Tells the product how a display name's review stands (`phone_number_name_update`). */
function announce(
  ctx: SimContext,
  pn: PhoneNumber,
  decision: DisplayNameDecision | "PENDING",
  name: string,
  reason: string | null,
) {
  ctx.webhooks.emit(pn.wabaId, "phone_number_name_update", {
    display_phone_number: digitsOf(pn.displayPhoneNumber),
    decision,
    requested_verified_name: name,
    rejection_reason: reason,
  });
}

/**
 * A new display name goes to Meta's review: the number keeps its current name until approved.
 * The review ends after the template review's delay (approved), or when the control API decides.
 */
export function submitDisplayName(ctx: SimContext, pn: PhoneNumber, name: string): void {
  pn.requestedName = name;
  pn.nameStatus = "PENDING_REVIEW";
  announce(ctx, pn, "PENDING", name, null);
  ctx.persist();
  const delay = ctx.templateReview.delayMs;
  if (delay === null) return;
  ctx.clock.schedule(delay, () => {
    if (pn.requestedName === name) decideDisplayName(ctx, pn, "APPROVED");
  });
}

/** Meta decides the pending display name: approved, it becomes the number's verified name. */
export function decideDisplayName(
  ctx: SimContext,
  pn: PhoneNumber,
  decision: DisplayNameDecision,
  reason?: string,
): boolean {
  const name = pn.requestedName;
  if (!name) return false;
  pn.requestedName = null;
  if (decision === "APPROVED") {
    pn.verifiedName = name;
    pn.nameStatus = "APPROVED";
  } else pn.nameStatus = "DECLINED";
  announce(ctx, pn, decision, name, decision === "REJECTED" ? (reason ?? "NAME_POLICY_VIOLATION") : null);
  ctx.persist();
  return true;
}
