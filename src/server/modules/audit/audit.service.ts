import { actorId, type RequestContext } from "../context";
import type { AuditRow, NewAuditEntry } from "./audit.repository";

export interface AuditTarget {
  type: string;
  id: string;
}

/** Who did what, from which request: one entry of the client's audit log. */
export function auditEntry(
  ctx: RequestContext,
  action: string,
  target?: AuditTarget,
  metadata: Record<string, unknown> = {},
): NewAuditEntry {
  return {
    actorType: ctx.actor.type,
    actorId: actorId(ctx.actor),
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    metadata,
    ip: ctx.ip,
    requestId: ctx.requestId,
  };
}

/** Appends who did what to the client's audit log. */
export async function recordAudit(
  ctx: RequestContext,
  action: string,
  target?: AuditTarget,
  metadata: Record<string, unknown> = {},
): Promise<void> {
  await ctx.repos.audit.record(auditEntry(ctx, action, target, metadata));
}

/** One page of the audit log, newest first, with the cursor of the next page. */
export async function listAudit(
  ctx: RequestContext,
  limit: number,
  cursor?: string,
): Promise<{ entries: AuditRow[]; nextCursor: string | null }> {
  const entries = await ctx.repos.audit.list(limit, cursor ? BigInt(cursor) : undefined);
  const last = entries.at(-1);
  return { entries, nextCursor: entries.length === limit && last ? String(last.id) : null };
}
