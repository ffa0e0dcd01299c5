import type { TemplateEventRow } from "./template-events.repository";
import type { TemplateRow, TemplateValues } from "./templates.repository";

type Value = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
const obj = (value: unknown): Value =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Value) : {};

/** One change Meta announced about a template, as its history records it. */
export interface TemplateChange {
  kind: "status" | "category" | "quality";
  /** The new status; null when the event leaves it as it is (FLAGGED). */
  status: string | null;
  category: string | null;
  /** A recategorisation's category before it, as Meta says it (null: Meta did not say). */
  previousCategory: string | null;
  reason: string | null;
  detail: string | null;
  qualityScore: string | null;
}

/** Meta announces a recategorisation 24 hours ahead: recorded, applied when it happens. */
export const SCHEDULED_CATEGORY_CHANGE = "CATEGORY_CHANGE_SCHEDULED";

/** Reads a template webhook's value (meta-platform.md §4.7) as a change, or null if it says nothing. */
export function changeOfWebhook(field: string, value: Value): TemplateChange | null {
  const none = {
    status: null,
    category: null,
    previousCategory: null,
    reason: null,
    detail: null,
    qualityScore: null,
  };
  if (field === "message_template_status_update") {
    const event = text(value.event);
    if (!event) return null;
    const rejection = obj(value.rejection_info);
    const other = obj(value.other_info);
    const disable = obj(value.disable_info);
    const status =
      event === "REINSTATED" || event === "UNARCHIVED" ? "APPROVED" : event === "FLAGGED" ? null : event;
    // A pause or a disabling says why in `other_info.title` (FIRST_PAUSE…), else in `reason`.
    const reason =
      event === "REJECTED"
        ? (text(rejection.reason) ?? text(value.reason) ?? "NONE")
        : (text(other.title) ??
          (event === "FLAGGED" || event === "REINSTATED"
            ? event
            : event === "PAUSED" || event === "DISABLED"
              ? text(value.reason)
              : null));
    const disabledOn = Number(disable.disable_date);
    return {
      ...none,
      kind: "status",
      status,
      reason: reason === "NONE" && event !== "REJECTED" ? null : reason,
      detail:
        text(rejection.recommendation) ??
        text(other.description) ??
        (event === "DISABLED" && Number.isFinite(disabledOn) && disabledOn > 0
          ? new Date(disabledOn * 1000).toISOString()
          : null),
    };
  }
  if (field === "template_category_update") {
    const previous = text(value.previous_category);
    const scheduled = text(value.correct_category);
    if (!previous && scheduled) {
      const when = Number(value.category_update_timestamp);
      return {
        ...none,
        kind: "category",
        category: scheduled,
        // The impending form's `new_category` is the category until the change.
        previousCategory: text(value.new_category),
        reason: SCHEDULED_CATEGORY_CHANGE,
        detail: Number.isFinite(when) && when > 0 ? new Date(when * 1000).toISOString() : null,
      };
    }
    const category = text(value.new_category);
    return category ? { ...none, kind: "category", category, previousCategory: previous } : null;
  }
  if (field === "message_template_quality_update") {
    const score = text(value.new_quality_score);
    return score ? { ...none, kind: "quality", qualityScore: score } : null;
  }
  return null;
}

/** A stored history entry read back as the change it recorded. */
export function changeOfEvent(event: TemplateEventRow): TemplateChange | null {
  if (event.kind !== "status" && event.kind !== "category" && event.kind !== "quality") return null;
  return {
    kind: event.kind,
    status: event.status,
    category: event.category,
    previousCategory: event.previousCategory,
    reason: event.reason,
    detail: event.detail,
    qualityScore: event.qualityScore,
  };
}

/** What a change does to the stored template; empty when it changes nothing (a repeated webhook). */
export function rowChangesOf(row: TemplateRow, change: TemplateChange): Partial<TemplateValues> {
  switch (change.kind) {
    case "status": {
      if (change.status === null)
        return change.reason !== row.statusReason ? { statusReason: change.reason } : {};
      if (change.status === row.status && change.reason === row.statusReason) return {};
      return {
        status: change.status,
        statusReason: change.reason,
        rejectionReason: change.status === "REJECTED" ? change.reason : null,
      };
    }
    case "category":
      if (change.reason === SCHEDULED_CATEGORY_CHANGE) return {};
      // The category it had here is the one it leaves (Meta's `previous_category` says the same).
      return change.category && change.category !== row.category
        ? { category: change.category, previousCategory: row.category }
        : {};
    case "quality":
      return change.qualityScore !== row.qualityScore ? { qualityScore: change.qualityScore } : {};
  }
}

/** Whether a change is worth a line of history (a scheduled recategorisation is, though nothing moves yet). */
export function isNews(row: TemplateRow, change: TemplateChange): boolean {
  if (change.kind === "category" && change.reason === SCHEDULED_CATEGORY_CHANGE) return true;
  return Object.keys(rowChangesOf(row, change)).length > 0;
}
