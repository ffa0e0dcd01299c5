import type { MentionListResponse } from "../../../contracts/conversations";
import { apiRequest } from "../../api/client";

export type { MentionListResponse };

export function listMentions(): Promise<MentionListResponse> {
  return apiRequest<MentionListResponse>("GET", "/api/mentions");
}

export function markMentionsSeen(): Promise<void> {
  return apiRequest<void>("POST", "/api/mentions/seen", { body: {} });
}
