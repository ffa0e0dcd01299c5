import { createHash } from "node:crypto";
import { expectedPricingType, SERVICE_CATEGORY } from "../../contracts/meta-charges";
import type { SimContext } from "../context";
import type { MetaErrorCode } from "../errors";
import { fetchMediaLinks, type MediaLink } from "../graph/media-links";
import type { DeliveryStatus, LoggedMessage, PendingStatus, PhoneNumber } from "../state";
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

/** The plan as it is kept in the state (ids, not objects), for a restart. */
function pendingOf(plan: StatusPlan, status: PendingStatus["status"], dueAt: number): PendingStatus {
  return {
    messageId: plan.message.id,
    phoneNumberId: plan.phone.id,
    status,
    dueAt,
    apiVersionMajor: plan.apiVersionMajor,
    templateCategory: plan.templateCategory,
    inWindow: plan.inWindow,
    ...(plan.bizOpaqueCallbackData !== undefined
      ? { bizOpaqueCallbackData: plan.bizOpaqueCallbackData }
      : {}),
    failure: plan.failure,
  };
}

function planOf(ctx: SimContext, pending: PendingStatus): StatusPlan | null {
  const phone = ctx.state.phoneNumbers.find((p) => p.id === pending.phoneNumberId);
  const message = ctx.state.messages.find((m) => m.id === pending.messageId);
  if (!phone || !message) return null;
  return {
    phone,
    message,
    apiVersionMajor: pending.apiVersionMajor,
    templateCategory: pending.templateCategory,
    inWindow: pending.inWindow,
    bizOpaqueCallbackData: pending.bizOpaqueCallbackData,
    failure: pending.failure as StatusPlan["failure"],
  };
}

/** Runs a pending step after `delayMs`, then forgets it (whatever state is current by then). */
function runLater(ctx: SimContext, pending: PendingStatus, delayMs: number): void {
  ctx.clock.schedule(delayMs, () => {
    const list = ctx.state.pendingStatuses ?? [];
    const index = list.indexOf(pending);
    if (index < 0) return; // reset since, or already sent
    list.splice(index, 1);
    const plan = planOf(ctx, pending);
    if (!plan) return ctx.persist();
    if (pending.status !== "fetch") return emitStatus(ctx, plan, pending.status);
    void fetchMediaLinks(pending.links ?? [], ctx.options.mediaFetchTimeoutMs).then((linkFailure) => {
      if (ctx.closed) return;
      // A failure queued by the control API (async) stands; otherwise the link's decides.
      scheduleStatuses(ctx, linkFailure && !plan.failure ? { ...plan, failure: linkFailure } : plan);
    });
    ctx.persist();
  });
}

function keep(ctx: SimContext, pending: PendingStatus, delayMs: number): void {
  ctx.state.pendingStatuses ??= [];
  ctx.state.pendingStatuses.push(pending);
  runLater(ctx, pending, delayMs);
}

/**
 * After an accepted send: `sent`, `delivered` and (if candidates read) `read` webhooks after the
 * configured delays, or a single `failed` carrying the error. Pricing rides on `sent` and
 * `delivered`; the `conversation` object only for API versions before v24, as Meta does. Each is
 * kept in the state until sent, so a simulator with a `dataFile` sends it after a restart.
 */
export function scheduleStatuses(ctx: SimContext, plan: StatusPlan): void {
  const delays = ctx.options.statusDelaysMs;
  const now = ctx.clock.now();
  const steps: [PendingStatus["status"], number][] = plan.failure
    ? [["failed", delays.sent]]
    : [
        ["sent", delays.sent],
        ["delivered", delays.delivered],
        ...(ctx.options.autoRead ? [["read", delays.read] as [PendingStatus["status"], number]] : []),
      ];
  for (const [status, delay] of steps) keep(ctx, pendingOf(plan, status, now + delay), delay);
  ctx.persist();
}

/** Media sent by link: fetched first (at once), then the statuses the fetch decides. */
export function fetchThenSchedule(ctx: SimContext, plan: StatusPlan, links: MediaLink[]): void {
  keep(ctx, { ...pendingOf(plan, "fetch", ctx.clock.now()), links }, 0);
  ctx.persist();
}

/**
 * On start with a state file: the status webhooks (and link fetches) that were due when the
 * simulator stopped are sent, those overdue at once, the others when due (at most the longest
 * configured delay away, as a state written at another `timeScale` may date them far ahead).
 */
export function resumePendingStatuses(ctx: SimContext): void {
  const longest = Math.max(...Object.values(ctx.options.statusDelaysMs));
  const now = ctx.clock.now();
  for (const pending of ctx.state.pendingStatuses ?? [])
    runLater(ctx, pending, Math.min(longest, Math.max(0, pending.dueAt - now)));
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
