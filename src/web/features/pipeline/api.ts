import type { ConversationResponse } from "../../../contracts/conversations";
import type {
  CreateLabelBody,
  CreateStageBody,
  LabelListResponse,
  LabelResponse,
  StageListResponse,
  StageResponse,
  UpdateLabelBody,
  UpdateStageBody,
} from "../../../contracts/pipeline";
import { apiRequest } from "../../api/client";

export type { LabelResponse, StageResponse } from "../../../contracts/pipeline";

const stage = (id: string) => `/api/hiring-stages/${encodeURIComponent(id)}`;
const label = (id: string) => `/api/labels/${encodeURIComponent(id)}`;
const conversation = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

export const listStages = () => apiRequest<StageListResponse>("GET", "/api/hiring-stages");
export const createStage = (body: CreateStageBody) =>
  apiRequest<StageResponse>("POST", "/api/hiring-stages", { body });
export const updateStage = (id: string, body: UpdateStageBody) =>
  apiRequest<StageResponse>("PATCH", stage(id), { body });
export const reorderStages = (ids: string[]) =>
  apiRequest<StageListResponse>("PUT", "/api/hiring-stages/order", { body: { ids } });
export const deleteStage = (id: string, replacementId: string | null) =>
  apiRequest<{ movedConversations: number }>(
    "DELETE",
    replacementId ? `${stage(id)}?replacementId=${encodeURIComponent(replacementId)}` : stage(id),
  );

export const listLabels = () => apiRequest<LabelListResponse>("GET", "/api/labels");
export const createLabel = (body: CreateLabelBody) =>
  apiRequest<LabelResponse>("POST", "/api/labels", { body });
export const updateLabel = (id: string, body: UpdateLabelBody) =>
  apiRequest<LabelResponse>("PATCH", label(id), { body });
export const deleteLabel = (id: string) => apiRequest<{ movedConversations: number }>("DELETE", label(id));

export const setConversationStage = (id: string, stageId: string | null) =>
  apiRequest<ConversationResponse>("PUT", `${conversation(id)}/stage`, { body: { stageId } });
export const addConversationLabel = (id: string, labelId: string) =>
  apiRequest<ConversationResponse>("POST", `${conversation(id)}/labels`, { body: { labelId } });
export const removeConversationLabel = (id: string, labelId: string) =>
  apiRequest<ConversationResponse>("DELETE", `${conversation(id)}/labels/${encodeURIComponent(labelId)}`);
