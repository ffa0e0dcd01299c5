import { MAX_LABELS, MAX_STAGES } from "../../../contracts/hiring-stages";
import type {
  CreateLabelBody,
  CreateStageBody,
  LabelResponse,
  StageResponse,
  UpdateLabelBody,
  UpdateStageBody,
} from "../../../contracts/pipeline";
import { roleMay } from "../../../contracts/roles";
import type { Db } from "../../platform/db/client";
import { conflict, forbidden, notFound, validationFailed } from "../../platform/errors";
import { event, type PendingEvent, recordEvents } from "../../platform/events/domain-events";
import { conversationKey, webhookEvent } from "../../platform/events/webhook-outbox";
import { recordAudit } from "../audit/audit.service";
import type { RequestContext } from "../context";
import type { TenantRepositories } from "../tenant-repositories";
import { presentConversation } from "./conversations.presenter";
import type { ConversationWithContact } from "./conversations.repository";
import { getConversation } from "./conversations.service";
import { presentLabel, presentStage } from "./pipeline.presenter";
import type { LabelRow, StageRow } from "./pipeline.repository";

/** Stages and labels are managed by owners and admins, from their session. */
function requireManager(ctx: RequestContext): void {
  if (ctx.actor.type !== "user" || !roleMay(ctx.actor.role, "pipeline.manage"))
    throw forbidden("Only owners and admins manage the hiring stages and labels");
}

export const listStages = (ctx: RequestContext) => ctx.repos.pipeline.listStages();
export const listLabels = (ctx: RequestContext) => ctx.repos.pipeline.listLabels();

/** Both lists as they are now, announced to the client's dashboards with the change. */
async function announceLists(
  repos: TenantRepositories,
  tx: Db,
  clientId: string,
  moved = 0,
  more: PendingEvent[] = [],
) {
  const [stages, labels] = await Promise.all([repos.pipeline.listStages(), repos.pipeline.listLabels()]);
  await recordEvents(tx, clientId, [
    ...more,
    event("pipeline:updated", {
      stages: stages.map(presentStage),
      labels: labels.map(presentLabel),
      movedConversations: moved,
    }),
  ]);
}

const nameTaken = (name: string) => conflict(`The name "${name}" is already taken`);

export async function createStage(ctx: RequestContext, input: CreateStageBody): Promise<StageRow> {
  requireManager(ctx);
  if ((await ctx.repos.pipeline.listStages()).length >= MAX_STAGES)
    throw conflict(`At most ${MAX_STAGES} stages: delete one first`);
  if (await ctx.repos.pipeline.stageNameTaken(input.name)) throw nameTaken(input.name);
  return ctx.transaction(async (repos, tx) => {
    const stage = await repos.pipeline.createStage(input);
    await recordAudit(
      { ...ctx, repos },
      "hiring_stage.created",
      { type: "hiring_stage", id: stage.id },
      input,
    );
    await announceLists(repos, tx, ctx.clientId);
    return stage;
  });
}

async function findStage(ctx: RequestContext, id: string): Promise<StageRow> {
  const stage = await ctx.repos.pipeline.findStage(id);
  if (!stage) throw notFound("Hiring stage");
  return stage;
}

export async function updateStage(
  ctx: RequestContext,
  id: string,
  input: UpdateStageBody,
): Promise<StageRow> {
  requireManager(ctx);
  const stage = await findStage(ctx, id);
  if (input.name !== undefined && (await ctx.repos.pipeline.stageNameTaken(input.name, id)))
    throw nameTaken(input.name);
  return ctx.transaction(async (repos, tx) => {
    const updated = (await repos.pipeline.updateStage(id, input))!;
    await recordAudit(
      { ...ctx, repos },
      "hiring_stage.updated",
      { type: "hiring_stage", id },
      { from: { name: stage.name, color: stage.color, kind: stage.kind }, changes: input },
    );
    await announceLists(repos, tx, ctx.clientId);
    return updated;
  });
}

/** Puts the stages in a new order: every stage of the client, each once. */
export async function reorderStages(ctx: RequestContext, ids: string[]): Promise<StageRow[]> {
  requireManager(ctx);
  const known = new Set((await ctx.repos.pipeline.listStages()).map((stage) => stage.id));
  if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id)))
    throw validationFailed("body.ids", "Give every stage of the client once, in the new order");
  return ctx.transaction(async (repos, tx) => {
    await repos.pipeline.reorderStages(ids);
    await recordAudit({ ...ctx, repos }, "hiring_stage.reordered", undefined, { ids });
    await announceLists(repos, tx, ctx.clientId);
    return repos.pipeline.listStages();
  });
}

/**
 * Deletes a stage. Its conversations move to `replacementId` when given, else they are left
 * without a stage; each moved chat is announced to the client's webhook endpoints
 * (`conversation.stage_changed`, reason `stage_deleted`), the dashboards reload their lists.
 */
export async function deleteStage(ctx: RequestContext, id: string, replacementId?: string): Promise<number> {
  requireManager(ctx);
  const stage = await findStage(ctx, id);
  if (replacementId === id)
    throw validationFailed("querystring.replacementId", "The replacement is the stage deleted");
  const replacement = replacementId ? await ctx.repos.pipeline.findStage(replacementId) : null;
  if (replacementId && !replacement) throw notFound("Replacement stage");
  return ctx.transaction(async (repos, tx) => {
    const movedIds = await repos.pipeline.conversationsAtStage(id);
    const moved = await repos.pipeline.moveStage(id, replacement?.id ?? null);
    await repos.pipeline.deleteStage(id);
    await recordAudit(
      { ...ctx, repos },
      "hiring_stage.deleted",
      { type: "hiring_stage", id },
      { name: stage.name, replacementId: replacement?.id ?? null, movedConversations: moved },
    );
    const rows = await repos.conversations.findByIds(movedIds);
    await announceLists(
      repos,
      tx,
      ctx.clientId,
      moved,
      rows.map((row) =>
        stageChanged(
          row,
          replacement ? presentStage(replacement) : null,
          presentStage(stage),
          "stage_deleted",
        ),
      ),
    );
    return moved;
  });
}

const stageChanged = (
  row: ConversationWithContact,
  stage: StageResponse | null,
  previousStage: StageResponse | null,
  reason: "changed" | "stage_deleted",
) =>
  webhookEvent(
    "conversation.stage_changed",
    { conversation: presentConversation(row), stage, previousStage, reason },
    conversationKey(row.id),
  );

export async function createLabel(ctx: RequestContext, input: CreateLabelBody): Promise<LabelRow> {
  requireManager(ctx);
  if ((await ctx.repos.pipeline.countLabels()) >= MAX_LABELS)
    throw conflict(`At most ${MAX_LABELS} labels: delete one first`);
  if (await ctx.repos.pipeline.labelNameTaken(input.name)) throw nameTaken(input.name);
  return ctx.transaction(async (repos, tx) => {
    const label = await repos.pipeline.createLabel(input);
    await recordAudit({ ...ctx, repos }, "label.created", { type: "label", id: label.id }, input);
    await announceLists(repos, tx, ctx.clientId);
    return label;
  });
}

async function findLabel(ctx: RequestContext, id: string): Promise<LabelRow> {
  const label = await ctx.repos.pipeline.findLabel(id);
  if (!label) throw notFound("Label");
  return label;
}

export async function updateLabel(
  ctx: RequestContext,
  id: string,
  input: UpdateLabelBody,
): Promise<LabelRow> {
  requireManager(ctx);
  const label = await findLabel(ctx, id);
  if (input.name !== undefined && (await ctx.repos.pipeline.labelNameTaken(input.name, id)))
    throw nameTaken(input.name);
  return ctx.transaction(async (repos, tx) => {
    const updated = (await repos.pipeline.updateLabel(id, input))!;
    await recordAudit(
      { ...ctx, repos },
      "label.updated",
      { type: "label", id },
      { from: { name: label.name, color: label.color }, changes: input },
    );
    await announceLists(repos, tx, ctx.clientId);
    return updated;
  });
}

/** Deletes a label: taken off every chat with it, each announced to the webhook endpoints. */
export async function deleteLabel(ctx: RequestContext, id: string): Promise<number> {
  requireManager(ctx);
  const label = await findLabel(ctx, id);
  return ctx.transaction(async (repos, tx) => {
    const affected = await repos.pipeline.conversationsWithLabel(id);
    await repos.pipeline.deleteLabel(id);
    await recordAudit(
      { ...ctx, repos },
      "label.deleted",
      { type: "label", id },
      { name: label.name, removedFromConversations: affected.length },
    );
    const rows = await repos.conversations.findByIds(affected);
    const all = await repos.pipeline.listLabels();
    await announceLists(
      repos,
      tx,
      ctx.clientId,
      affected.length,
      rows.map((row) => labelsChanged(row, all, [], [presentLabel(label)])),
    );
    return affected.length;
  });
}

const labelsChanged = (
  row: ConversationWithContact,
  all: LabelRow[],
  added: LabelResponse[],
  removed: LabelResponse[],
) => {
  const byId = new Map(all.map((label) => [label.id, label]));
  const labels = row.labelIds.flatMap((labelId) => {
    const label = byId.get(labelId);
    return label ? [presentLabel(label)] : [];
  });
  return webhookEvent(
    "conversation.labels_changed",
    { conversation: presentConversation(row), labels, added, removed },
    conversationKey(row.id),
  );
};

/**
 * Sets a conversation's hiring stage (one of the client's: another client's id is not found) or
 * clears it; audited, and announced to the dashboards and the webhook endpoints in the same commit.
 */
export async function setStage(
  ctx: RequestContext,
  id: string,
  stageId: string | null,
): Promise<ConversationWithContact> {
  const conversation = await getConversation(ctx, id);
  const stage = stageId ? await findStage(ctx, stageId) : null;
  if (conversation.stageId === stageId) return conversation;
  const previous = conversation.stageId
    ? await ctx.repos.pipeline.findStage(conversation.stageId)
    : undefined;
  return ctx.transaction(async (repos, tx) => {
    await repos.conversations.update(id, { stageId });
    await recordAudit(
      { ...ctx, repos },
      "conversation.stage_changed",
      { type: "conversation", id },
      { from: conversation.stageId, to: stageId, stageName: stage?.name ?? null },
    );
    const row = (await repos.conversations.findById(id))!;
    await recordEvents(tx, ctx.clientId, [
      event("conversation:updated", { conversation: presentConversation(row) }),
      stageChanged(row, stage && presentStage(stage), previous ? presentStage(previous) : null, "changed"),
    ]);
    return row;
  });
}

/**
 * Puts a label on a conversation or takes it off (one of the client's labels: another client's id
 * is not found); audited and announced like a stage change. Nothing changes, nothing is announced.
 */
export async function changeLabel(
  ctx: RequestContext,
  id: string,
  labelId: string,
  change: "add" | "remove",
): Promise<ConversationWithContact> {
  const conversation = await getConversation(ctx, id);
  const label = await findLabel(ctx, labelId);
  if (conversation.labelIds.includes(labelId) === (change === "add")) return conversation;
  return ctx.transaction(async (repos, tx) => {
    const changed =
      change === "add"
        ? await repos.pipeline.addLabel(id, labelId)
        : await repos.pipeline.removeLabel(id, labelId);
    const row = (await repos.conversations.findById(id))!;
    if (!changed) return row;
    await recordAudit(
      { ...ctx, repos },
      change === "add" ? "conversation.label_added" : "conversation.label_removed",
      { type: "conversation", id },
      { labelId, labelName: label.name },
    );
    const all = await repos.pipeline.listLabels();
    const presented = [presentLabel(label)];
    await recordEvents(tx, ctx.clientId, [
      event("conversation:updated", { conversation: presentConversation(row) }),
      labelsChanged(row, all, change === "add" ? presented : [], change === "remove" ? presented : []),
    ]);
    return row;
  });
}
