import { Icon } from "../../../ui/Icon";
import { Popover } from "../../../ui/Popover";
import type { ConversationResponse } from "../../inbox/api";
import { usePipelineI18n } from "../i18n";
import { useLabels, useSetStage, useStages, useToggleLabel } from "../queries";
import { StageChip } from "./PipelineChips";
import "./pipeline.css";

/**
 * The chat header's hiring stage (a chip that opens the stage picker) and labels picker. Menus
 * like the header's others: the first item focused on open, Esc closes and gives focus back.
 */
export function ChatPipeline({ conversation }: { conversation: ConversationResponse }) {
  const tp = usePipelineI18n();
  const stages = useStages();
  const labels = useLabels();
  const setStage = useSetStage();
  const toggleLabel = useToggleLabel();
  const stage = stages.data?.find((item) => item.id === conversation.stageId);
  const onChat = (labels.data ?? []).filter((label) => conversation.labelIds.includes(label.id));
  const failed = setStage.isError || toggleLabel.isError;

  return (
    <span className="chat-pipeline">
      <Popover
        label={`${tp.chooseStage} · ${stage ? stage.name : tp.noStage}`}
        buttonClassName="pipeline-button"
        placement="below"
        button={
          <>
            {stage ? <StageChip stage={stage} /> : <span>{tp.noStage}</span>}
            <Icon name="chevronDown" size={14} />
          </>
        }
      >
        {(close) => (
          <div className="pipeline-menu">
            {(stages.data ?? []).map((item) => (
              <button
                key={item.id}
                type="button"
                className="menu__item"
                data-popover-item
                aria-pressed={item.id === conversation.stageId}
                onClick={() => {
                  close();
                  setStage.mutate({ id: conversation.id, input: item.id });
                }}
              >
                <span className="menu__check">
                  {item.id === conversation.stageId ? <Icon name="check" size={16} /> : null}
                </span>
                <span className="pipeline-dot" data-color={item.color} />
                <bdi>{item.name}</bdi>
                {item.kind === "closed" ? <span className="visually-hidden">, {tp.closed}</span> : null}
              </button>
            ))}
            <button
              type="button"
              className="menu__item"
              data-popover-item
              aria-pressed={conversation.stageId === null}
              onClick={() => {
                close();
                setStage.mutate({ id: conversation.id, input: null });
              }}
            >
              <span className="menu__check">
                {conversation.stageId === null ? <Icon name="check" size={16} /> : null}
              </span>
              {tp.noStage}
            </button>
          </div>
        )}
      </Popover>
      <Popover
        label={
          onChat.length > 0 ? tp.labelsOf(onChat.map((label) => label.name).join(", ")) : tp.chooseLabels
        }
        buttonClassName="pipeline-button"
        placement="below"
        button={
          <>
            <Icon name="tag" size={16} />
            {onChat.map((label) => (
              <span key={label.id} className="pipeline-dot" data-color={label.color} />
            ))}
          </>
        }
      >
        {() =>
          (labels.data ?? []).length === 0 ? (
            <p className="pipeline-menu__empty" data-popover-item tabIndex={-1}>
              {tp.noLabels}
            </p>
          ) : (
            <div className="pipeline-menu">
              {(labels.data ?? []).map((label) => {
                const isOn = conversation.labelIds.includes(label.id);
                return (
                  <button
                    key={label.id}
                    type="button"
                    className="menu__item"
                    data-popover-item
                    aria-pressed={isOn}
                    onClick={() =>
                      toggleLabel.mutate({ id: conversation.id, input: { labelId: label.id, on: !isOn } })
                    }
                  >
                    <span className="menu__check">{isOn ? <Icon name="check" size={16} /> : null}</span>
                    <span className="pipeline-dot" data-color={label.color} />
                    <bdi>{label.name}</bdi>
                  </button>
                );
              })}
            </div>
          )
        }
      </Popover>
      {failed ? (
        <span className="visually-hidden" role="alert">
          {tp.failed}
        </span>
      ) : null}
    </span>
  );
}
