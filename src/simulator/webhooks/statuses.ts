import { createHash } from "node:crypto";
import { expectedPricingType, SERVICE_CATEGORY } from "../../contracts/meta-charges";
import type { SimContext } from "../context";
import type { MetaErrorCode } from "../errors";
import type { DeliveryStatus, LoggedMessage, PhoneNumber } from "../state";
import { type Pricing, type StatusName, statusesValue, statusItem } from "./payloads";

export interface StatusPlan {
  phone: PhoneNumber;
  message: LoggedMessage;
  apiVersionMajor: number;
  /** Template category in lower case, or null for a free-form (service) message. */
  templateCategory: string | null;
  /** Whether the candidate's 24-hour window was open when the product sent. */
  inWindow: boolean;
  bizOpaqueCallbackData: string | undefined;
  failure: { code: MetaErrorCode; details?: string } | null;
}

const ORDER: Record<DeliveryStatus, number> = { accepted: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * PMP pricing as Meta reports it on the day of the send: the charged types follow Meta's dated rules
 * (`contracts/meta-charges.ts`), so free-form replies and utility templates in the window are free
 * until 30 September 2026 and charged from 1 October 2026.
 */
export function pricingFor(templateCategory: string | null, inWindow: boolean, at: number): Pricing {
  const category = templateCategory ?? SERVICE_CATEGORY;
  const type = expectedPricingType(category, inWindow, new Date(at).toISOString().slice(0, 10));
  return type === "regular"
    ? { billable: true, pricing_model: "PMP", type: "regular", category }
    : { billable: false, pricing_model: "PMP", type: "free_customer_service", category };
}

/**
 * After an accepted send: `sent`, `delivered` and (if candidates read) `read` webhooks after the
 * configured delays, or a single `failed` carrying the error. Pricing rides on `sent` and
 * `delivered`; the `conversation` object only for API versions before v24, as Meta does.
 */
export function scheduleStatuses(ctx: SimContext, plan: StatusPlan): void {
  const delays = ctx.options.statusDelaysMs;
  if (plan.failure) {
    ctx.clock.schedule(delays.sent, () => emitStatus(ctx, plan, "failed"));
    return;
  }
  ctx.clock.schedule(delays.sent, () => emitStatus(ctx, plan, "sent"));
  ctx.clock.schedule(delays.delivered, () => emitStatus(ctx, plan, "delivered"));
  if (ctx.options.autoRead) ctx.clock.schedule(delays.read, () => emitStatus(ctx, plan, "read"));
}

export function emitStatus(ctx: SimContext, plan: StatusPlan, status: StatusName): void {
  const at = ctx.clock.now();
  const { message } = plan;
  if (ORDER[status] > ORDER[message.status] || status === "failed") message.status = status;
  const withPricing = status === "sent" || status === "delivered";
  const pricing = pricingFor(plan.templateCategory, plan.inWindow, at);
  const conversation =
    withPricing && plan.apiVersionMajor < 24
      ? {
          id: createHash("md5").update(message.id).digest("hex"),
          category: pricing.category,
          ...(status === "sent" ? { expiresAt: at + 24 * 3600_000 } : {}),
        }
      : undefined;
  const item = statusItem({
    wamid: message.id,
    status,
    at,
    ...recipientOf(ctx, message.waId),
    bizOpaqueCallbackData: plan.bizOpaqueCallbackData,
    pricing: status === "failed" ? undefined : withPricing ? pricing : undefined,
    conversation,
    error: status === "failed" ? (plan.failure ?? { code: 131000 }) : undefined,
  });
  ctx.webhooks.emit(plan.phone.wabaId, "messages", statusesValue(plan.phone, [item]));
  ctx.persist();
}

/** Who a status names: the phone unless the candidate withholds it, and their BSUID when they have one. */
function recipientOf(ctx: SimContext, waId: string) {
  const candidate = ctx.state.candidates.find((c) => c.waId === waId);
  return {
    recipientId: candidate?.hidesPhone ? undefined : waId,
    recipientUserId: candidate?.userId,
  };
}
