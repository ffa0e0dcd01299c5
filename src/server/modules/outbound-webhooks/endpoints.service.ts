import { randomUUID } from "node:crypto";
import { ErrorCode } from "../../../contracts/errors";
import type {
  CreateWebhookEndpointBody,
  UpdateWebhookEndpointBody,
  WebhookDeliveryState,
} from "../../../contracts/outbound-webhooks";
import type { ServerDeps } from "../../deps";
import { AppError, conflict, notFound } from "../../platform/errors";
import { recordAudit } from "../audit/audit.service";
import type { RequestContext } from "../context";
import { hostOf, RefusedAddressError, resolvePublic } from "./address-guard";
import { sealEndpointSecret } from "./endpoint-secrets";
import type { WebhookEndpointRow } from "./endpoints.repository";
import { generateWebhookSecret } from "./signing";

const refused = (message: string) => new AppError(ErrorCode.webhookUrlRefused, message);

/**
 * Whether the service may call this URL: https in live mode, and (unless configured otherwise, as
 * the sandbox is) a host whose every address is public. Each attempt checks again, on the address
 * it connects to.
 */
async function checkUrl(deps: ServerDeps, url: string): Promise<void> {
  const settings = deps.config.outboundWebhooks;
  const target = new URL(url);
  if (settings.requireHttps && target.protocol !== "https:")
    throw refused("Webhook endpoints must use https");
  if (target.username || target.password) throw refused("Put no credentials in the URL");
  if (settings.allowPrivateAddresses) return;
  try {
    await resolvePublic(hostOf(target), deps.resolveHost, false);
  } catch (error) {
    if (error instanceof RefusedAddressError) throw refused(error.message);
    throw refused(`${target.hostname} cannot be resolved`);
  }
}

async function findEndpoint(ctx: RequestContext, id: string): Promise<WebhookEndpointRow> {
  const endpoint = await ctx.repos.webhookEndpoints.findById(id);
  if (!endpoint) throw notFound("Webhook endpoint");
  return endpoint;
}

export function listEndpoints(ctx: RequestContext): Promise<WebhookEndpointRow[]> {
  return ctx.repos.webhookEndpoints.list();
}

export const getEndpoint = findEndpoint;

/** Registers an endpoint; its signing secret is returned this once (kept sealed to sign with). */
export async function createEndpoint(ctx: RequestContext, input: CreateWebhookEndpointBody) {
  await checkUrl(ctx.deps, input.url);
  const id = randomUUID();
  const secret = generateWebhookSecret();
  const endpoint = await ctx.repos.webhookEndpoints.create({
    id,
    url: input.url,
    description: input.description,
    eventTypes: [...new Set(input.eventTypes)],
    secretSealed: sealEndpointSecret(ctx.deps.vault, id, secret),
  });
  await recordAudit(
    ctx,
    "webhook_endpoint.created",
    { type: "webhook_endpoint", id },
    {
      url: input.url,
      eventTypes: endpoint.eventTypes,
    },
  );
  return { endpoint, secret };
}

/** Changes an endpoint; enabling it again starts afresh (its failing streak forgotten). */
export async function updateEndpoint(ctx: RequestContext, id: string, input: UpdateWebhookEndpointBody) {
  const endpoint = await findEndpoint(ctx, id);
  if (input.url !== undefined && input.url !== endpoint.url) await checkUrl(ctx.deps, input.url);
  const enabling = input.isEnabled === true && !endpoint.isEnabled;
  const disabling = input.isEnabled === false && endpoint.isEnabled;
  const updated = await ctx.repos.webhookEndpoints.update(id, {
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.eventTypes !== undefined ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
    ...(enabling ? { isEnabled: true, disabledReason: null, disabledAt: null, failingSince: null } : {}),
    ...(disabling ? { isEnabled: false, disabledReason: "manual" as const, disabledAt: new Date() } : {}),
  });
  await recordAudit(ctx, "webhook_endpoint.updated", { type: "webhook_endpoint", id }, { changes: input });
  return updated!;
}

export async function deleteEndpoint(ctx: RequestContext, id: string): Promise<void> {
  if (!(await ctx.repos.webhookEndpoints.delete(id))) throw notFound("Webhook endpoint");
  await recordAudit(ctx, "webhook_endpoint.deleted", { type: "webhook_endpoint", id });
}

/**
 * A new signing secret, returned this once. For `overlapHours` the old one keeps signing beside it
 * (both signatures in `webhook-signature`), so receivers can switch without missing an event.
 */
export async function rotateSecret(ctx: RequestContext, id: string, overlapHours: number) {
  const endpoint = await findEndpoint(ctx, id);
  const secret = generateWebhookSecret();
  const updated = await ctx.repos.webhookEndpoints.update(id, {
    secretSealed: sealEndpointSecret(ctx.deps.vault, id, secret),
    previousSecretSealed: overlapHours > 0 ? endpoint.secretSealed : null,
    previousSecretExpiresAt: overlapHours > 0 ? new Date(Date.now() + overlapHours * 3_600_000) : null,
  });
  await recordAudit(
    ctx,
    "webhook_endpoint.secret_rotated",
    { type: "webhook_endpoint", id },
    { overlapHours },
  );
  return { endpoint: updated!, secret };
}

export async function listDeliveries(
  ctx: RequestContext,
  id: string,
  query: { state?: WebhookDeliveryState; cursor?: string; limit: number },
) {
  await findEndpoint(ctx, id);
  const deliveries = await ctx.repos.webhookEndpoints.listDeliveries(id, {
    state: query.state,
    beforeSeq: query.cursor ? Number(query.cursor) : undefined,
    limit: query.limit,
  });
  const last = deliveries.at(-1);
  return { deliveries, nextCursor: deliveries.length === query.limit && last ? String(last.seq) : null };
}

export async function getDelivery(ctx: RequestContext, id: string, deliveryId: string) {
  const found = await ctx.repos.webhookEndpoints.findDelivery(id, deliveryId);
  if (!found) throw notFound("Webhook delivery");
  const attempts = await ctx.repos.webhookEndpoints.attemptsOf(found.delivery.seq);
  return { ...found, attempts };
}

/** Sends one delivery again now (a failed one, or one backing off); a delivered one is not sent twice. */
export async function replayDelivery(ctx: RequestContext, id: string, deliveryId: string): Promise<number> {
  const { delivery } = await getDelivery(ctx, id, deliveryId);
  if (delivery.state === "delivered") throw conflict("This delivery was delivered: it is not sent again");
  const replayed = await ctx.repos.webhookEndpoints.replay(id, [deliveryId]);
  if (replayed === 0) throw conflict("This delivery is being attempted right now");
  await recordAudit(ctx, "webhook_delivery.replayed", { type: "webhook_delivery", id: deliveryId });
  return replayed;
}

/** Sends every failed delivery of an endpoint again, each with a new retry period. */
export async function replayFailed(ctx: RequestContext, id: string): Promise<number> {
  await findEndpoint(ctx, id);
  const replayed = await ctx.repos.webhookEndpoints.replay(id);
  await recordAudit(ctx, "webhook_delivery.replayed", { type: "webhook_endpoint", id }, { count: replayed });
  return replayed;
}
