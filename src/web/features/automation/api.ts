import type { AutomationSettings, UpdateAutomationSettingsBody } from "../../../contracts/automation";
import { apiRequest } from "../../api/client";

export function getAutomationSettings(signal?: AbortSignal) {
  return apiRequest<AutomationSettings>("GET", "/api/automation", { signal });
}

export function updateAutomationSettings(body: UpdateAutomationSettingsBody) {
  return apiRequest<AutomationSettings>("PATCH", "/api/automation", { body });
}
