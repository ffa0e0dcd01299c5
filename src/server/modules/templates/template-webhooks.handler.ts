import { event, type PendingEvent } from "../../platform/events/domain-events";
import { connectionDirectory } from "../connections/connection-directory.repository";
import { tenantRepositories } from "../tenant-repositories";
import { eachChange, handled, unroutable } from "../webhooks/field-handler";
import {
  changeOfWebhook,
  isNews,
  rowChangesOf,
  SCHEDULED_CATEGORY_CHANGE,
  type TemplateChange,
} from "./template-changes";
import { clientTemplateName } from "./template-names";
import { presentTemplate } from "./templates.presenter";
import type { TemplateRow } from "./templates.repository";

type Value = Record<string, unknown>;

const CHANGE_NAMES = {
  status: "status",
  category: "category",
  quality: "quality",
} as const;

/**
 * What Meta decided on its own about a template, for the audit log: a recategorisation (it changes
 * what the template's sends cost), a pause, a disabling, or a scheduled recategorisation.
 */
function auditOf(
  before: TemplateRow,
  after: TemplateRow,
  change: TemplateChange,
): { action: string; metadata: Record<string, unknown> } | null {
  if (change.kind === "category") {
    if (change.reason === SCHEDULED_CATEGORY_CHANGE)
      return {
        action: "template.recategorisation_scheduled",
        metadata: { from: before.category, to: change.category, on: change.detail },
      };
    return before.category !== after.category
      ? { action: "template.recategorised", metadata: { from: before.category, to: after.category } }
      : null;
  }
  if (change.kind === "status" && before.status !== after.status) {
    if (after.status === "PAUSED")
      return { action: "template.paused", metadata: { reason: after.statusReason, detail: change.detail } };
    if (after.status === "DISABLED")
      return { action: "template.disabled", metadata: { reason: after.statusReason, detail: change.detail } };
  }
  return null;
}

/**
 * Template review, quality and category webhooks, applied to the template in every connection of
 * the WABA (`entry.id`): the stored template changes, its history gets a line with Meta's reason,
 * and the client's dashboards get `template:updated`. A change for a template not stored yet
 * (Meta's review can beat the answer to our create call) waits in the history, unattached, until
 * the template is stored; a repeated webhook changes nothing and says nothing. What Meta decides on
 * its own (a recategorisation, a pause, a disabling) is also audited (`auditOf`). On a shared WABA
 * (LinkoJob's numbers) a change reaches only the client whose template it is, by the prefix of
 * the name Meta gives (`template-names.ts`); without a name, only a client that stored it.
 */
export const templateWebhooks = eachChange(
  ["message_template_status_update", "template_category_update", "message_template_quality_update"],
  async (deps, tx, { entry, change, field }) => {
    const value = (change.value ?? {}) as Value;
    const metaTemplateId = value.message_template_id;
    const wabaId = entry.id;
    if (!wabaId || (typeof metaTemplateId !== "number" && typeof metaTemplateId !== "string"))
      return handled();
    const connections = await connectionDirectory(tx).connectionsOfWaba(wabaId);
    if (connections.length === 0) return unroutable(`${field} for unknown WhatsApp account ${wabaId}`);
    const parsed = changeOfWebhook(field, value);
    if (!parsed) return handled();
    const metaId = String(metaTemplateId);
    const events = new Map<string, PendingEvent[]>();
    const metaName = typeof value.message_template_name === "string" ? value.message_template_name : null;
    for (const { clientId, connectionId, templateNamePrefix } of connections) {
      const shared = templateNamePrefix !== null;
      // Another client's template, or LinkoJob's own, on a shared WABA: not this client's news.
      if (shared && metaName !== null && clientTemplateName({ templateNamePrefix }, metaName) === null)
        continue;
      const repos = tenantRepositories(tx, clientId);
      await repos.templateEvents.lockMetaTemplate(connectionId, metaId);
      const row = await repos.templates.findByMetaId(connectionId, metaId);
      const history = {
        connectionId,
        metaTemplateId: metaId,
        kind: parsed.kind,
        status: parsed.status,
        category: parsed.category,
        previousCategory: parsed.previousCategory,
        reason: parsed.reason,
        detail: parsed.detail,
        qualityScore: parsed.qualityScore,
      };
      if (!row) {
        // Kept for the template's arrival only when it is known to be this client's.
        if (shared && metaName === null) continue;
        await repos.templateEvents.record({ ...history, templateId: null });
        continue;
      }
      if (!isNews(row, parsed)) continue;
      const changes = rowChangesOf(row, parsed);
      const updated = Object.keys(changes).length > 0 ? await repos.templates.update(row.id, changes) : row;
      await repos.templateEvents.record({ ...history, templateId: row.id });
      const stored = updated ?? row;
      const audited = auditOf(row, stored, parsed);
      if (audited)
        await repos.audit.record({
          actorType: "system",
          action: audited.action,
          targetType: "template",
          targetId: row.id,
          metadata: { metaTemplateId: metaId, name: row.name, language: row.language, ...audited.metadata },
        });
      if (stored.status === "PAUSED" || stored.status === "DISABLED") {
        // Meta paused the template: the campaigns sending it wait instead of failing message after message.
        await repos.campaigns.holdUnfinished(
          connectionId,
          {
            waitingReason: "template_paused",
            waitingUntil: new Date(Date.now() + deps.config.sending.templatePauseRecheckSeconds * 1000),
          },
          { name: stored.name, language: stored.language },
        );
      }
      const all = (await repos.templateEvents.ofTemplates([row.id])).get(row.id) ?? [];
      const list = events.get(clientId) ?? [];
      list.push(
        event("template:updated", {
          change: CHANGE_NAMES[parsed.kind],
          templateId: row.id,
          connectionId,
          template: presentTemplate(stored, all),
        }),
      );
      events.set(clientId, list);
    }
    return { events, unroutable: [] };
  },
);
