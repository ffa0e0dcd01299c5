import { validateTemplateDraft } from "../../../contracts/template-rules";
import type {
  CreateTemplatesResponse,
  StarterPackSubmitBody,
  StarterTemplate,
  TemplateTranslationDraft,
} from "../../../contracts/templates";
import { notFound } from "../../platform/errors";
import type { RequestContext } from "../context";
import { STARTERS, type Starter, starterOf } from "./starter-pack";
import { toMetaComponents } from "./template-components";
import { refuseProblems, submitTemplates } from "./templates.service";

async function companyOf(ctx: RequestContext, given: string | undefined): Promise<string> {
  if (given) return given;
  return (await ctx.repos.clients.findById(ctx.clientId))?.name ?? "LinkoJob";
}

/** The starters with the company written in, and which of them this connection already has. */
export async function listStarters(
  ctx: RequestContext,
  query: { connectionId: string; companyName?: string },
): Promise<StarterTemplate[]> {
  if (!(await ctx.repos.connections.findById(query.connectionId))) throw notFound("Connection");
  const company = await companyOf(ctx, query.companyName);
  const existing = await ctx.repos.templates.list({ connectionId: query.connectionId });
  return STARTERS.map((starter) => ({
    key: starter.key,
    name: starter.name,
    category: starter.category,
    parameterFormat: "NAMED",
    fromLibrary: starter.library !== undefined,
    translations: starter.translations(company),
    existing: existing
      .filter((t) => t.name === starter.name)
      .map((t) => ({ language: t.language, templateId: t.id, status: t.status })),
  }));
}

/** Whether Meta's library has this starter in every language asked (else all are written out, alike). */
function usesLibrary(starter: Starter, languages: string[]): boolean {
  return starter.library !== undefined && languages.every((l) => starter.library?.languages.includes(l));
}

/** Submits one starter in the languages asked, like a draft the studio wrote. */
export async function submitStarter(
  ctx: RequestContext,
  body: StarterPackSubmitBody,
): Promise<CreateTemplatesResponse> {
  const starter = starterOf(body.key);
  const company = await companyOf(ctx, body.companyName);
  const languages = [...new Set(body.languages)];
  const written = starter.translations(company);
  // en_US reads the English text, under Meta's other English code.
  const translations = languages.flatMap((language): TemplateTranslationDraft[] => {
    const found = written.find((t) => t.language === (language === "en_US" ? "en" : language));
    return found ? [{ ...found, language }] : [];
  });
  const draft = {
    name: body.name ?? starter.name,
    category: starter.category,
    parameterFormat: "NAMED" as const,
    translations,
  };
  const problems = validateTemplateDraft(draft);
  if (problems.length > 0) throw refuseProblems(problems);
  const library = usesLibrary(starter, languages) ? starter.library?.name : undefined;
  return submitTemplates(
    ctx,
    body.connectionId,
    draft,
    translations.map((translation) => ({
      language: translation.language,
      components: toMetaComponents(translation, "NAMED"),
      ...(library ? { libraryTemplateName: library } : {}),
    })),
  );
}
