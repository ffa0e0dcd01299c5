import type { TemplateHistoryEntry, TemplateResponse } from "../../../contracts/templates";
import { contentOf } from "./template-components";
import type { TemplateEventRow } from "./template-events.repository";
import type { TemplateRow } from "./templates.repository";

/** The history as the dashboard reads it: each entry with the status it left the template in. */
function presentHistory(events: TemplateEventRow[]): TemplateHistoryEntry[] {
  let status = "PENDING";
  return events.map((event) => {
    if (event.kind !== "quality" && event.status) status = event.status;
    return {
      at: event.at.toISOString(),
      kind: event.kind,
      status,
      ...(event.category ? { category: event.category } : {}),
      ...(event.previousCategory ? { previousCategory: event.previousCategory } : {}),
      ...(event.reason ? { reason: event.reason } : {}),
      ...(event.detail ? { detail: event.detail } : {}),
      ...(event.qualityScore ? { qualityScore: event.qualityScore } : {}),
    };
  });
}

export function presentTemplate(row: TemplateRow, history: TemplateEventRow[] = []): TemplateResponse {
  return {
    id: row.id,
    connectionId: row.connectionId,
    metaTemplateId: row.metaTemplateId,
    name: row.name,
    language: row.language,
    category: row.category,
    previousCategory: row.previousCategory,
    pacing: row.pacing
      ? { status: row.pacing, since: (row.pacingAt ?? row.lastChangedAt).toISOString() }
      : null,
    status: row.status,
    statusReason: row.statusReason,
    qualityScore: row.qualityScore,
    parameterFormat: row.parameterFormat,
    components: row.components,
    content: contentOf(row.components, row.parameterFormat),
    rejectionReason: row.rejectionReason,
    approvedEdits: row.approvedEdits,
    history: presentHistory(history),
    lastChangedAt: row.lastChangedAt.toISOString(),
    syncedAt: row.syncedAt.toISOString(),
  };
}
