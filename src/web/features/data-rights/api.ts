import type { EraseContactResponse, RetentionSettings } from "../../../contracts/data-rights";
import { ERASE_CONFIRMATION } from "../../../contracts/data-rights";
import { apiRequest } from "../../api/client";

export type { RetentionSettings };

/** The address of a candidate's export: the browser downloads it with the session cookie. */
export const exportUrl = (contactId: string) => `/api/contacts/${encodeURIComponent(contactId)}/export`;

export function eraseContact(contactId: string) {
  return apiRequest<EraseContactResponse>("POST", `/api/contacts/${encodeURIComponent(contactId)}/erase`, {
    body: { confirm: ERASE_CONFIRMATION },
  });
}

export function getRetention(signal?: AbortSignal) {
  return apiRequest<RetentionSettings>("GET", "/api/data-rights/retention", { signal });
}

export function updateRetention(body: Partial<RetentionSettings>) {
  return apiRequest<RetentionSettings>("PATCH", "/api/data-rights/retention", { body });
}
