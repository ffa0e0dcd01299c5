import { usePipelineI18n } from "../../../pipeline/i18n";
import { useLabels, useStages } from "../../../pipeline/queries";
import type { ConversationListParams } from "../../api";
import { useInboxI18n } from "../../i18n";
import { useViewCounts } from "../../status-queries";
import "../../../pipeline/components/pipeline.css";

/**
 * The list by hiring stage and by label (each with its exact count in the view chosen), combinable
 * with the views and chips; native selects, so the keyboard and screen readers know them.
 */
export function PipelineFilter(props: {
  params: ConversationListParams;
  onChange(filter: { stage: string | null; label: string | null }): void;
}) {
  const tp = usePipelineI18n();
  const { ifmt } = useInboxI18n();
  const stages = useStages();
  const labels = useLabels();
  const { q: _q, ...countParams } = props.params;
  const counts = useViewCounts(countParams).data;
  const { stage, label } = props.params;
  const withCount = (name: string, count: number | undefined) =>
    counts ? tp.withCount(name, ifmt.number(count ?? 0)) : name;
  if ((stages.data ?? []).length === 0 && (labels.data ?? []).length === 0) return null;
  return (
    <div className="pipeline-filter">
      <select
        className="input"
        aria-label={tp.stage}
        value={stage ?? ""}
        onChange={(event) => props.onChange({ stage: event.target.value || null, label })}
      >
        <option value="">{tp.anyStage}</option>
        {(stages.data ?? []).map((item) => (
          <option key={item.id} value={item.id}>
            {withCount(item.name, counts?.stages[item.id])}
          </option>
        ))}
      </select>
      {(labels.data ?? []).length > 0 ? (
        <select
          className="input"
          aria-label={tp.label}
          value={label ?? ""}
          onChange={(event) => props.onChange({ stage, label: event.target.value || null })}
        >
          <option value="">{tp.anyLabel}</option>
          {(labels.data ?? []).map((item) => (
            <option key={item.id} value={item.id}>
              {withCount(item.name, counts?.labels[item.id])}
            </option>
          ))}
        </select>
      ) : null}
    </div>
  );
}
