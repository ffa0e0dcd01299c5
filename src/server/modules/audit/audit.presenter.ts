import type { z } from "zod";
import type { AuditEntryResponse } from "../../../contracts/accounts";
import type { AuditRow } from "./audit.repository";

export function presentAuditEntry(row: AuditRow): z.infer<typeof AuditEntryResponse> {
  return {
    id: String(row.id),
    actorType: row.actorType,
    actorId: row.actorId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    metadata: row.metadata,
    requestId: row.requestId,
    createdAt: row.createdAt.toISOString(),
  };
}
