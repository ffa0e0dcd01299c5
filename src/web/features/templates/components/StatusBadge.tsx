import { useTemplatesI18n } from "../i18n";

/** The badge's colour family for a Meta status (an unknown one is neutral). */
const TONES: Record<string, string> = {
  APPROVED: "approved",
  PENDING: "pending",
  IN_APPEAL: "pending",
  REJECTED: "rejected",
  PAUSED: "paused",
  FLAGGED: "paused",
  DISABLED: "disabled",
  LIMIT_EXCEEDED: "disabled",
  LOCKED: "disabled",
  DELETED: "disabled",
  PENDING_DELETION: "disabled",
  ARCHIVED: "disabled",
};

/** A template's status as a coloured pill with its words (never the colour alone). */
export function StatusBadge({ status }: { status: string }) {
  const { tt } = useTemplatesI18n();
  return (
    <span className={`status-badge status-badge--${TONES[status] ?? "disabled"}`} data-status={status}>
      <span className="status-badge__dot" aria-hidden="true" />
      {tt.statuses[status] ?? status}
    </span>
  );
}

const QUALITY_TONES: Record<string, string> = { GREEN: "high", YELLOW: "medium", RED: "low" };

/** Meta's quality rating: Élevée / Moyenne / Faible, or not rated yet. */
export function QualityLabel({ score }: { score: string | null }) {
  const { tt } = useTemplatesI18n();
  const key = score ?? "UNKNOWN";
  return (
    <span className={`quality quality--${QUALITY_TONES[key] ?? "unknown"}`}>
      <span className="quality__dot" aria-hidden="true" />
      {tt.quality[key] ?? key}
    </span>
  );
}
