import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import {
  PIPELINE_COLORS,
  type PipelineColor,
  STAGE_KINDS,
  type StageKind,
} from "../../../../contracts/hiring-stages";
import { roleMay } from "../../../../contracts/roles";
import { describeError } from "../../../api/errors";
import { useI18n } from "../../../i18n/I18nProvider";
import { Icon } from "../../../ui/Icon";
import { useRequiredSession } from "../../auth/queries";
import { inboxKeys } from "../../inbox/cache";
import {
  createLabel,
  createStage,
  deleteLabel,
  deleteStage,
  type LabelResponse,
  reorderStages,
  type StageResponse,
  updateLabel,
  updateStage,
} from "../api";
import { type PipelineMessages, usePipelineI18n } from "../i18n";
import { pipelineKeys } from "../keys";
import { movedTo } from "../model/reorder";
import { useLabels, useStages } from "../queries";
import { StageChip } from "./PipelineChips";
import "./pipeline.css";

/** Any change to the lists: both asked again (the socket's `pipeline:updated` does it for the other tabs). */
function usePipelineMutation<Input>(request: (input: Input) => Promise<unknown>) {
  const { client } = useRequiredSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.stages(client.id) });
      void queryClient.invalidateQueries({ queryKey: pipelineKeys.labels(client.id) });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.conversations(client.id) });
    },
  });
}

function ColorSelect(props: { value: PipelineColor; onChange(color: PipelineColor): void; label: string }) {
  const tp = usePipelineI18n();
  return (
    <select
      className="input"
      aria-label={props.label}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value as PipelineColor)}
    >
      {PIPELINE_COLORS.map((color) => (
        <option key={color} value={color}>
          {tp.colors[color]}
        </option>
      ))}
    </select>
  );
}

/** Settings → the client's hiring stages (ordered) and labels; owners and admins change them. */
export function PipelineSettings() {
  const tp = usePipelineI18n();
  const { user } = useRequiredSession();
  const canManage = roleMay(user.role, "pipeline.manage");
  const stages = useStages().data ?? [];
  const labels = useLabels().data ?? [];
  return (
    <>
      <section className="card section" aria-labelledby="stages-title">
        <h2 id="stages-title" className="section__title">
          {tp.settings.stagesTitle}
        </h2>
        <p className="field__hint">{tp.settings.stagesIntro}</p>
        {canManage ? null : <p className="field__hint">{tp.settings.readOnly}</p>}
        {canManage ? (
          <StageList stages={stages} tp={tp} />
        ) : (
          <ul className="pipeline-settings__list">
            {stages.map((stage) => (
              <li key={stage.id} className="pipeline-settings__item">
                <StageChip stage={stage} />
              </li>
            ))}
          </ul>
        )}
        {canManage ? <AddForm kind="stage" tp={tp} /> : null}
      </section>
      <section className="card section" aria-labelledby="labels-title">
        <h2 id="labels-title" className="section__title">
          {tp.settings.labelsTitle}
        </h2>
        <p className="field__hint">{tp.settings.labelsIntro}</p>
        <ul className="pipeline-settings__list">
          {labels.map((label) => (
            <li key={label.id} className="pipeline-settings__item">
              {canManage ? (
                <LabelEditor label={label} tp={tp} />
              ) : (
                <span className="pipeline-chip" data-color={label.color}>
                  <bdi>{label.name}</bdi>
                </span>
              )}
            </li>
          ))}
        </ul>
        {canManage ? <AddForm kind="label" tp={tp} /> : null}
      </section>
    </>
  );
}

/**
 * The stages as editors, reordered by dragging a row's handle onto another row (the arrows do the
 * same from the keyboard). The new order shows at once and is then saved; a refusal brings the
 * server's order back.
 */
function StageList({ stages, tp }: { stages: StageResponse[]; tp: PipelineMessages }) {
  const { client } = useRequiredSession();
  const queryClient = useQueryClient();
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const reorder = usePipelineMutation((ids: string[]) => reorderStages(ids));
  const save = (ids: string[]) => {
    const byId = new Map(stages.map((stage) => [stage.id, stage]));
    queryClient.setQueryData<{ stages: StageResponse[] }>(pipelineKeys.stages(client.id), (old) =>
      old ? { ...old, stages: ids.map((id) => byId.get(id)!) } : old,
    );
    reorder.mutate(ids, {
      onError: () => void queryClient.invalidateQueries({ queryKey: pipelineKeys.stages(client.id) }),
    });
  };
  const ids = stages.map((stage) => stage.id);
  return (
    <>
      <ul className="pipeline-settings__list">
        {stages.map((stage, index) => (
          <li
            key={stage.id}
            className="pipeline-settings__item"
            data-dragged={dragged === stage.id || undefined}
            data-drop-target={(over === stage.id && dragged !== stage.id) || undefined}
            onDragOver={(event) => {
              if (!dragged) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = "move";
              setOver(stage.id);
            }}
            onDrop={(event) => {
              event.preventDefault();
              const order = dragged ? movedTo(ids, dragged, stage.id) : null;
              setDragged(null);
              setOver(null);
              if (order) save(order);
            }}
          >
            <span
              className="pipeline-settings__grip"
              draggable={!reorder.isPending}
              title={tp.settings.dragToReorder}
              aria-hidden="true"
              data-testid={`grip-${stage.name}`}
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = "move";
                event.dataTransfer.setData("text/plain", stage.name);
                setDragged(stage.id);
              }}
              onDragEnd={() => {
                setDragged(null);
                setOver(null);
              }}
            >
              <Icon name="grip" size={16} />
            </span>
            <StageEditor
              stage={stage}
              index={index}
              stages={stages}
              tp={tp}
              onMove={save}
              moving={reorder.isPending}
            />
          </li>
        ))}
      </ul>
      <ErrorLine error={reorder.error} />
    </>
  );
}

function ErrorLine({ error }: { error: unknown }) {
  const { t, fmt } = useI18n();
  if (!error) return null;
  return (
    <p className="alert alert--danger" role="alert">
      {describeError(error, t, fmt)}
    </p>
  );
}

function StageEditor(props: {
  stage: StageResponse;
  index: number;
  stages: StageResponse[];
  tp: PipelineMessages;
  onMove(ids: string[]): void;
  moving: boolean;
}) {
  const { stage, tp, stages, index } = props;
  const [name, setName] = useState(stage.name);
  const [deleting, setDeleting] = useState(false);
  const [replacement, setReplacement] = useState("");
  const update = usePipelineMutation((body: { name?: string; color?: PipelineColor; kind?: StageKind }) =>
    updateStage(stage.id, body),
  );
  const remove = usePipelineMutation(() => deleteStage(stage.id, replacement || null));
  const move = (offset: number) => {
    const ids = stages.map((item) => item.id);
    const order = movedTo(ids, stage.id, ids[index + offset] ?? stage.id);
    if (order) props.onMove(order);
  };
  return (
    <>
      <span className="pipeline-dot" data-color={stage.color} />
      <input
        type="text"
        className="input"
        dir="auto"
        aria-label={tp.settings.rename(stage.name)}
        value={name}
        maxLength={40}
        onChange={(event) => setName(event.target.value)}
        onBlur={() => {
          if (name.trim() && name.trim() !== stage.name) update.mutate({ name: name.trim() });
        }}
      />
      <ColorSelect
        label={`${tp.settings.color} · ${stage.name}`}
        value={stage.color}
        onChange={(color) => update.mutate({ color })}
      />
      <select
        className="input"
        aria-label={`${tp.settings.kind} · ${stage.name}`}
        value={stage.kind}
        onChange={(event) => update.mutate({ kind: event.target.value as StageKind })}
      >
        {STAGE_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {tp.settings.kinds[kind]}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button"
        aria-label={tp.settings.moveUp(stage.name)}
        disabled={index === 0 || props.moving}
        onClick={() => move(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="button"
        aria-label={tp.settings.moveDown(stage.name)}
        disabled={index === stages.length - 1 || props.moving}
        onClick={() => move(1)}
      >
        ↓
      </button>
      <button type="button" className="button" onClick={() => setDeleting(true)}>
        {tp.settings.delete(stage.name)}
      </button>
      {deleting ? (
        <fieldset className="pipeline-settings__add">
          <legend className="visually-hidden">{tp.settings.deleteStageTitle(stage.name)}</legend>
          <p>{tp.settings.deleteStageBody}</p>
          <select
            className="input"
            aria-label={tp.settings.replacement}
            value={replacement}
            onChange={(event) => setReplacement(event.target.value)}
          >
            <option value="">{tp.noStage}</option>
            {stages
              .filter((item) => item.id !== stage.id)
              .map((item) => (
                <option key={item.id} value={item.id}>
                  {item.name}
                </option>
              ))}
          </select>
          <button type="button" className="button button--danger" onClick={() => remove.mutate(undefined)}>
            {tp.settings.confirmDelete}
          </button>
          <button type="button" className="button" onClick={() => setDeleting(false)}>
            {tp.settings.cancel}
          </button>
        </fieldset>
      ) : null}
      <ErrorLine error={update.error ?? remove.error} />
    </>
  );
}

function LabelEditor({ label, tp }: { label: LabelResponse; tp: PipelineMessages }) {
  const [name, setName] = useState(label.name);
  const [deleting, setDeleting] = useState(false);
  const update = usePipelineMutation((body: { name?: string; color?: PipelineColor }) =>
    updateLabel(label.id, body),
  );
  const remove = usePipelineMutation(() => deleteLabel(label.id));
  return (
    <>
      <span className="pipeline-dot" data-color={label.color} />
      <input
        type="text"
        className="input"
        dir="auto"
        aria-label={tp.settings.rename(label.name)}
        value={name}
        maxLength={40}
        onChange={(event) => setName(event.target.value)}
        onBlur={() => {
          if (name.trim() && name.trim() !== label.name) update.mutate({ name: name.trim() });
        }}
      />
      <ColorSelect
        label={`${tp.settings.color} · ${label.name}`}
        value={label.color}
        onChange={(color) => update.mutate({ color })}
      />
      {deleting ? (
        <fieldset className="pipeline-settings__add">
          <legend className="visually-hidden">{tp.settings.deleteLabelTitle(label.name)}</legend>
          <p>{tp.settings.deleteLabelBody}</p>
          <button type="button" className="button button--danger" onClick={() => remove.mutate(undefined)}>
            {tp.settings.confirmDelete}
          </button>
          <button type="button" className="button" onClick={() => setDeleting(false)}>
            {tp.settings.cancel}
          </button>
        </fieldset>
      ) : (
        <button type="button" className="button" onClick={() => setDeleting(true)}>
          {tp.settings.delete(label.name)}
        </button>
      )}
      <ErrorLine error={update.error ?? remove.error} />
    </>
  );
}

function AddForm({ kind, tp }: { kind: "stage" | "label"; tp: PipelineMessages }) {
  const [name, setName] = useState("");
  const [color, setColor] = useState<PipelineColor>("gray");
  const create = usePipelineMutation((body: { name: string; color: PipelineColor }) =>
    kind === "stage" ? createStage({ ...body, kind: "active" }) : createLabel(body),
  );
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate({ name: name.trim(), color }, { onSuccess: () => setName("") });
  }
  const title = kind === "stage" ? tp.settings.stagesTitle : tp.settings.labelsTitle;
  return (
    <form className="pipeline-settings__add" onSubmit={submit} aria-label={`${tp.settings.add} · ${title}`}>
      <input
        type="text"
        className="input"
        dir="auto"
        aria-label={`${tp.settings.name} · ${title}`}
        value={name}
        maxLength={40}
        onChange={(event) => setName(event.target.value)}
      />
      <ColorSelect label={`${tp.settings.color} · ${title}`} value={color} onChange={setColor} />
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {tp.settings.add}
      </button>
      <ErrorLine error={create.error} />
    </form>
  );
}
