import type { LabelResponse, StageResponse } from "../api";
import "./pipeline.css";

/** A stage as a small colored chip (its name; the color is never the only sign). */
export function StageChip({ stage }: { stage: StageResponse }) {
  return (
    <span className="pipeline-chip" data-color={stage.color} data-stage-chip={stage.id} title={stage.name}>
      <bdi>{stage.name}</bdi>
    </span>
  );
}

/** A chat's labels in the list: a colored dot each, their names in the row's title and label. */
export function LabelDots({ labels }: { labels: LabelResponse[] }) {
  if (labels.length === 0) return null;
  return (
    <span className="row__labels" title={labels.map((label) => label.name).join(", ")}>
      {labels.map((label) => (
        <span key={label.id} className="pipeline-dot" data-color={label.color} data-label-dot={label.id} />
      ))}
    </span>
  );
}
