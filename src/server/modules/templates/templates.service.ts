import type { ServerDeps } from "../../deps";
import { notFound } from "../../platform/errors";
import type { TemplateInfo } from "../../platform/graph/graph-types";
import { openToken } from "../connections/connection-secrets";
import type { RequestContext } from "../context";
import { inTenantTransaction, tenantRepositories } from "../tenant-repositories";
import type { TemplateValues } from "./templates.repository";

function fromMeta(template: TemplateInfo): TemplateValues {
  return {
    metaTemplateId: template.id,
    name: template.name,
    language: template.language,
    category: template.category,
    status: template.status,
    qualityScore: template.quality_score?.score ?? null,
    parameterFormat: template.parameter_format === "NAMED" ? "NAMED" : "POSITIONAL",
    components: template.components,
    rejectionReason:
      template.rejected_reason && template.rejected_reason !== "NONE" ? template.rejected_reason : null,
  };
}

/** Reads a connection's templates from Meta and stores them, so sends and the picker use them. */
export async function syncTemplates(
  deps: ServerDeps,
  clientId: string,
  connectionId: string,
): Promise<number> {
  const repos = tenantRepositories(deps.database.db, clientId);
  const connection = await repos.connections.findById(connectionId);
  if (!connection) throw notFound("Connection");
  if (!connection.accessTokenSealed || !connection.wabaId || connection.state !== "active") return 0;
  const token = openToken(deps.vault, connection.id, connection.accessTokenSealed);
  // Taken before asking Meta: a webhook applied meanwhile is newer than this list and wins.
  const readAt = new Date();
  const list = await deps.graph.listTemplates(connection.wabaId, token);
  // One transaction: the picker never sees a half-synced list.
  await inTenantTransaction(deps.database.db, clientId, (repos) =>
    repos.templates.replaceAll(connection.id, list.map(fromMeta), readAt),
  );
  return list.length;
}

export function listTemplates(
  ctx: RequestContext,
  filter: { connectionId?: string; status?: string; language?: string },
) {
  return ctx.repos.templates.list(filter);
}
