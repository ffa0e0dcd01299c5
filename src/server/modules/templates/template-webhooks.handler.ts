import { connectionDirectory } from "../connections/connection-directory.repository";
import { tenantRepositories } from "../tenant-repositories";
import { eachChange, handled, unroutable } from "../webhooks/field-handler";
import type { TemplateValues } from "./templates.repository";

type Value = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** What each template field changes on the stored template. */
const changesFor: Record<string, (value: Value) => Partial<TemplateValues>> = {
  message_template_status_update: (value) => ({
    ...(text(value.event) ? { status: text(value.event) } : {}),
    rejectionReason:
      text((value.rejection_info as Value | undefined)?.reason) ??
      (text(value.reason) && value.reason !== "NONE" ? text(value.reason) : null),
  }),
  message_template_quality_update: (value) => ({ qualityScore: text(value.new_quality_score) ?? null }),
  template_category_update: (value) =>
    text(value.new_category) ? { category: text(value.new_category) } : {},
};

/**
 * Template review, quality and category webhooks: applied to the template in every connection of
 * the WABA (`entry.id`). A template not synced yet is picked up by the next sync.
 */
export const templateWebhooks = eachChange(
  Object.keys(changesFor),
  async (_deps, tx, { entry, change, field }) => {
    const value = (change.value ?? {}) as Value;
    const metaTemplateId = value.message_template_id;
    const wabaId = entry.id;
    if (!wabaId || (typeof metaTemplateId !== "number" && typeof metaTemplateId !== "string"))
      return handled();
    const connections = await connectionDirectory(tx).connectionsOfWaba(wabaId);
    if (connections.length === 0) return unroutable(`${field} for unknown WhatsApp account ${wabaId}`);
    const changes = changesFor[field]?.(value) ?? {};
    for (const { clientId, connectionId } of connections) {
      await tenantRepositories(tx, clientId).templates.updateByMetaId(
        connectionId,
        String(metaTemplateId),
        changes,
      );
    }
    return handled();
  },
);
