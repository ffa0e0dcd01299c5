import type { TemplateRow } from "./templates.repository";

export function presentTemplate(row: TemplateRow) {
  return {
    id: row.id,
    connectionId: row.connectionId,
    metaTemplateId: row.metaTemplateId,
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    qualityScore: row.qualityScore,
    parameterFormat: row.parameterFormat,
    components: row.components,
    rejectionReason: row.rejectionReason,
    syncedAt: row.syncedAt.toISOString(),
  };
}
