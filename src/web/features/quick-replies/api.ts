import type {
  CreateQuickReplyBody,
  QuickReplyListResponse,
  QuickReplyResponse,
  UpdateQuickReplyBody,
} from "../../../contracts/quick-replies";
import { apiRequest } from "../../api/client";

const base = (id: string) => `/api/quick-replies/${encodeURIComponent(id)}`;

export function listQuickReplies(): Promise<QuickReplyListResponse> {
  return apiRequest<QuickReplyListResponse>("GET", "/api/quick-replies");
}

export function createQuickReply(body: CreateQuickReplyBody): Promise<QuickReplyResponse> {
  return apiRequest<QuickReplyResponse>("POST", "/api/quick-replies", { body });
}

export function updateQuickReply(id: string, body: UpdateQuickReplyBody): Promise<QuickReplyResponse> {
  return apiRequest<QuickReplyResponse>("PATCH", base(id), { body });
}

export function deleteQuickReply(id: string): Promise<void> {
  return apiRequest<void>("DELETE", base(id));
}
