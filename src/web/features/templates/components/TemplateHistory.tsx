import type { TemplateHistoryEntry } from "../../../../contracts/templates";
import type { TemplateResponse } from "../api";
import { type TemplatesMessages, useTemplatesI18n } from "../i18n";
import { rejectionWords } from "../model/wording";
import { StatusBadge } from "./StatusBadge";

/** One entry in words: what happened (submitted, Meta's decision, a new category or quality). */
function entryText(entry: TemplateHistoryEntry, tt: TemplatesMessages): string {
  switch (entry.kind) {
    case "submitted":
      return entry.category
        ? `${tt.history.submitted} · ${tt.history.categoryAtSubmit(tt.categories[entry.category] ?? entry.category)}`
        : tt.history.submitted;
    case "edited":
      return tt.history.edited;
    case "deleted":
      return tt.history.deleted;
    case "category":
      return tt.history.category(tt.categories[entry.category ?? ""] ?? entry.category ?? "");
    case "quality":
      return tt.history.quality(tt.quality[entry.qualityScore ?? "UNKNOWN"] ?? entry.qualityScore ?? "");
    default:
      return tt.history.status(tt.statuses[entry.status] ?? entry.status);
  }
}

/** A status change's reason in words (a rejection's, a pause's), when Meta gave one. */
function entryReason(entry: TemplateHistoryEntry, tt: TemplatesMessages): string | null {
  if (!entry.reason || entry.reason === "NONE") return null;
  if (entry.status === "REJECTED") return tt.history.reason(rejectionWords(entry.reason, tt).reason);
  const pause = tt.pause[entry.reason as keyof TemplatesMessages["pause"]];
  return tt.history.reason(pause ? pause.title : entry.reason);
}

/** The template's story, newest first: submitted → approved / rejected / paused / disabled, with dates. */
export function TemplateHistory({ template }: { template: TemplateResponse }) {
  const { tt, fmt } = useTemplatesI18n();
  const entries = [...template.history].sort((a, b) => b.at.localeCompare(a.at));
  if (entries.length === 0) return <p className="section__intro">{tt.detail.noHistory}</p>;
  return (
    <ol className="template-history">
      {entries.map((entry, index) => {
        const reason = entryReason(entry, tt);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; two may share a time
          <li key={`${entry.at}-${index}`} className="template-history__entry" data-kind={entry.kind}>
            <time className="template-history__time" dateTime={entry.at}>
              {fmt.dateTime(entry.at)}
            </time>
            <div className="template-history__what">
              {entry.kind === "status" ? (
                <StatusBadge status={entry.status} />
              ) : (
                <span>{entryText(entry, tt)}</span>
              )}
              {reason ? <span className="template-history__reason">{reason}</span> : null}
              {entry.detail ? (
                <span className="template-history__detail" dir="auto">
                  {entry.detail}
                </span>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
