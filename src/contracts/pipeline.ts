// Hiring stages and labels over the API (zod): the client's lists, their management, and a
// conversation's stage and labels. The rules without zod are in hiring-stages.ts.
import { z } from "zod";
import { MAX_STAGES, PIPELINE_COLORS, PIPELINE_NAME_MAX, STAGE_KINDS } from "./hiring-stages";

export const PipelineColor = z.enum(PIPELINE_COLORS);
export const StageKind = z.enum(STAGE_KINDS);
const Name = z.string().trim().min(1, "Give a name").max(PIPELINE_NAME_MAX);

export const StageResponse = z.object({
  id: z.uuid(),
  name: z.string(),
  color: PipelineColor,
  kind: StageKind,
  /** 0 first: the order of the hiring, as the client set it. */
  position: z.number().int(),
});
export type StageResponse = z.infer<typeof StageResponse>;
export const StageListResponse = z.object({ stages: z.array(StageResponse) });
export type StageListResponse = z.infer<typeof StageListResponse>;

/** A new stage goes last. */
export const CreateStageBody = z
  .object({ name: Name, color: PipelineColor, kind: StageKind.default("active") })
  .strict();
export type CreateStageBody = z.infer<typeof CreateStageBody>;
export const UpdateStageBody = z
  .object({ name: Name.optional(), color: PipelineColor.optional(), kind: StageKind.optional() })
  .strict();
export type UpdateStageBody = z.infer<typeof UpdateStageBody>;
/** Every stage of the client, each once, in their new order. */
export const ReorderStagesBody = z.object({ ids: z.array(z.uuid()).min(1).max(MAX_STAGES) }).strict();

/**
 * Deleting a stage: its conversations move to `replacementId` when given, else they are left
 * without a stage. The answer says how many moved.
 */
export const DeleteStageQuery = z.object({ replacementId: z.uuid().optional() });
export const DeleteStageResponse = z.object({ movedConversations: z.number().int() });

export const LabelResponse = z.object({ id: z.uuid(), name: z.string(), color: PipelineColor });
export type LabelResponse = z.infer<typeof LabelResponse>;
export const LabelListResponse = z.object({ labels: z.array(LabelResponse) });
export type LabelListResponse = z.infer<typeof LabelListResponse>;
export const CreateLabelBody = z.object({ name: Name, color: PipelineColor }).strict();
export type CreateLabelBody = z.infer<typeof CreateLabelBody>;
export const UpdateLabelBody = z.object({ name: Name.optional(), color: PipelineColor.optional() }).strict();
export type UpdateLabelBody = z.infer<typeof UpdateLabelBody>;

/** A conversation's stage: one of the client's stages, or null for none. */
export const SetStageBody = z.object({ stageId: z.uuid().nullable() }).strict();
export const AddLabelBody = z.object({ labelId: z.uuid() }).strict();
export const ConversationLabelParams = z.object({ id: z.uuid(), labelId: z.uuid() });
