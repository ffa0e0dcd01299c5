import type {
  CreateTemplateBody,
  CreateTemplatesResponse,
  EditTemplateBody,
  StarterPackSubmitBody,
  StarterTemplate,
  TemplateMediaResponse,
  TemplateResponse,
} from "../../../contracts/templates";
import { apiRequest } from "../../api/client";

export type { CreateTemplatesResponse, StarterTemplate, TemplateMediaResponse, TemplateResponse };

const templatePath = (id: string) => `/api/templates/${encodeURIComponent(id)}`;

/** Every template of every number of the client (each translation is its own template). */
export async function listAllTemplates(): Promise<TemplateResponse[]> {
  return (await apiRequest<{ templates: TemplateResponse[] }>("GET", "/api/templates")).templates;
}

/** One number's templates, every status: pickers show why the unusable ones can't be chosen. */
export async function listTemplates(connectionId: string): Promise<TemplateResponse[]> {
  const query = new URLSearchParams({ connectionId });
  return (await apiRequest<{ templates: TemplateResponse[] }>("GET", `/api/templates?${query}`)).templates;
}

export function fetchTemplate(id: string): Promise<TemplateResponse> {
  return apiRequest<TemplateResponse>("GET", templatePath(id));
}

/** Submits a draft to Meta, one template per translation; a language Meta refused is in `failures`. */
export function createTemplate(body: CreateTemplateBody): Promise<CreateTemplatesResponse> {
  return apiRequest<CreateTemplatesResponse>("POST", "/api/templates", { body });
}

export function editTemplate(id: string, body: EditTemplateBody): Promise<TemplateResponse> {
  return apiRequest<TemplateResponse>("PATCH", templatePath(id), { body });
}

export function deleteTemplate(id: string): Promise<{ id: string; deleted: true }> {
  return apiRequest<{ id: string; deleted: true }>("DELETE", templatePath(id));
}

/** A header's sample file (its bytes, as `/api/media` takes them), uploaded to Meta for a handle the draft carries. */
export function uploadTemplateMedia(connectionId: string, file: File): Promise<TemplateMediaResponse> {
  const query = new URLSearchParams({ connectionId, filename: file.name.slice(0, 200) });
  return apiRequest<TemplateMediaResponse>("POST", `/api/templates/media?${query}`, { blob: file });
}

/** The recruiting starter pack for a number, the company's name written in. */
export async function fetchStarterPack(
  connectionId: string,
  companyName: string,
): Promise<StarterTemplate[]> {
  const query = new URLSearchParams({ connectionId });
  if (companyName.trim()) query.set("companyName", companyName.trim());
  return (await apiRequest<{ starters: StarterTemplate[] }>("GET", `/api/templates/starter-pack?${query}`))
    .starters;
}

export function submitStarter(body: StarterPackSubmitBody): Promise<CreateTemplatesResponse> {
  return apiRequest<CreateTemplatesResponse>("POST", "/api/templates/starter-pack", { body });
}

export function syncTemplates(connectionId: string): Promise<{ count: number }> {
  return apiRequest<{ count: number }>("POST", "/api/templates/sync", { body: { connectionId } });
}
