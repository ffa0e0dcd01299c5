/**
 * Which messages Meta charges, by date: the rules, not the prices (prices are the rate card's rows,
 * kept in the database and edited by the operator). Pure data and one rule, shared by the product
 * (estimates, the composer's quote) and the simulator (the `pricing` of its status webhooks), so the
 * two agree on what Meta charges on any day.
 *
 * Sources (read 2026-12-05):
 * - developers.facebook.com/documentation/business-messaging/whatsapp/pricing — per-message pricing
 *   from 2025-07-01: only delivered templates are charged; non-template (service) messages are free;
 *   utility templates delivered inside an open customer service window are free.
 * - the same pricing section, "Upcoming pricing updates for Meta Business Agent, service and utility
 *   messages" (updated 2026-07-01) — from 2026-10-01 Meta charges service messages, and utility
 *   templates sent inside an open customer service window.
 * Free entry point windows (72 h after a click-to-WhatsApp ad) stay free throughout; the product
 * does not open them, so they are not modelled here.
 */
export interface MetaChargeRule {
  /** First day (`YYYY-MM-DD`) the rule applies. */
  from: string;
  /** Free-form (non-template) replies inside the window are charged. */
  chargesServiceMessages: boolean;
  /** Utility templates sent inside the candidate's 24-hour window are charged. */
  chargesUtilityInWindow: boolean;
  source: string;
}

/** Oldest first. Add a row when Meta announces a change; never edit a past one. */
export const META_CHARGE_RULES: readonly MetaChargeRule[] = [
  {
    from: "2025-07-01",
    chargesServiceMessages: false,
    chargesUtilityInWindow: false,
    source: "Meta, Pricing on the WhatsApp Business Platform: per-message pricing from 2025-07-01",
  },
  {
    from: "2026-10-01",
    chargesServiceMessages: true,
    chargesUtilityInWindow: true,
    source:
      "Meta, Upcoming pricing updates for Meta Business Agent, service and utility messages (2026-07-01)",
  },
];

/** Meta's `pricing.category` of a free-form (non-template) message. */
export const SERVICE_CATEGORY = "service";

/** The rule in force on `day` (`YYYY-MM-DD`). */
export function metaChargeRuleOn(day: string): MetaChargeRule {
  let rule = META_CHARGE_RULES[0]!;
  for (const candidate of META_CHARGE_RULES) if (candidate.from <= day) rule = candidate;
  return rule;
}

/**
 * The `pricing.type` Meta gives a message sent on `day`: `regular` when it is charged, else
 * `free_customer_service`. `category` is the template's (any case), or `service` for a free-form
 * message (which can only be sent inside the window).
 */
export function expectedPricingType(category: string, isWindowOpen: boolean, day: string): string {
  const rule = metaChargeRuleOn(day);
  const key = category.trim().toLowerCase();
  if (key === SERVICE_CATEGORY) return rule.chargesServiceMessages ? "regular" : "free_customer_service";
  if (key === "utility" && isWindowOpen && !rule.chargesUtilityInWindow) return "free_customer_service";
  return "regular";
}
