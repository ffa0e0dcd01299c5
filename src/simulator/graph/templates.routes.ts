import type { SimContext } from "../context";
import { newObjectId } from "../ids";
import type { Template, TemplateComponent, TemplateStatus } from "../state";
import { authenticate, MANAGEMENT, requireWabaAccess } from "./auth";
import { graphParams } from "./params";
import type { GraphRegistry } from "./registry";
import { checkComponents, templateError } from "./template-checks";
import { setTemplateStatus, TEMPLATE_LIBRARY } from "./template-review";
import { missing } from "./validate-send";

type Obj = Record<string, unknown>;
const CATEGORIES = ["MARKETING", "UTILITY", "AUTHENTICATION"] as const;

export function presentTemplate(t: Template) {
  return {
    name: t.name,
    parameter_format: t.parameterFormat,
    components: t.components,
    language: t.language,
    status: t.status,
    category: t.category,
    ...(t.status === "REJECTED" ? { rejected_reason: t.rejectedReason } : {}),
    ...(t.qualityScore ? { quality_score: { score: t.qualityScore } } : {}),
    id: t.id,
  };
}

/** Moves a template to a status and tells the product (the control API's decisions). */
export function decideTemplate(
  ctx: SimContext,
  template: Template,
  status: TemplateStatus,
  reason = "NONE",
  title?: string,
): void {
  setTemplateStatus(ctx, template, status, { reason, ...(title ? { title } : {}) });
}

/** The subcode the simulator answers for Meta's edit limits (Meta's own is not documented). */
export const EDIT_LIMIT_SUBCODE = 2388127;
const DAY_MS = 24 * 3600_000;

/** Meta's limits on editing an approved template: once per 24 hours, ten times per 30 days. */
function checkEditLimits(ctx: SimContext, template: Template): void {
  if (template.status !== "APPROVED") return;
  const now = ctx.clock.now();
  const edits = (template.approvedEdits ?? []).filter((at) => now - at < 30 * DAY_MS);
  if (edits.some((at) => now - at < DAY_MS)) {
    throw templateError(
      EDIT_LIMIT_SUBCODE,
      "Template edit limit reached",
      "An approved message template can be edited once every 24 hours. Try again later.",
    );
  }
  if (edits.length >= 10) {
    throw templateError(
      EDIT_LIMIT_SUBCODE,
      "Template edit limit reached",
      "An approved message template can be edited 10 times in 30 days. Try again later or create a new template.",
    );
  }
  template.approvedEdits = [...edits, now];
}

const LANGUAGE_NAMES: Record<string, string> = {
  fr: "French",
  ar: "Arabic",
  en: "English",
  en_US: "English (US)",
  en_GB: "English (UK)",
  es: "Spanish",
};

function libraryContent(name: string, language: string): TemplateComponent[] {
  const content = TEMPLATE_LIBRARY[name]?.languages[language];
  if (!content) {
    throw templateError(
      undefined,
      "Library template not found",
      `The template library has no "${name}" in ${LANGUAGE_NAMES[language] ?? language}.`,
    );
  }
  return structuredClone(content);
}

export function registerTemplateRoutes(registry: GraphRegistry, ctx: SimContext): void {
  registry.on("waba", "message_templates", "GET", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.waba.id, MANAGEMENT, node.id, "GET");
    const p = graphParams(req);
    const all = ctx.state.templates.filter(
      (t) =>
        t.wabaId === node.waba.id &&
        (p.name === undefined || t.name === p.name) &&
        (p.status === undefined || t.status === p.status) &&
        (p.language === undefined || t.language === p.language),
    );
    const limit = Math.min(Number(p.limit ?? 25) || 25, 1000);
    const start = typeof p.after === "string" ? Number(Buffer.from(p.after, "base64").toString()) : 0;
    const page = all.slice(start, start + limit);
    const cursor = (i: number) => Buffer.from(String(i)).toString("base64");
    const paging: Obj = { cursors: { before: cursor(start), after: cursor(start + page.length) } };
    if (start + page.length < all.length) {
      paging.next = `${ctx.baseUrl(`${req.protocol}://${req.host}`)}/graph${req.url.split("?")[0]}?limit=${limit}&after=${cursor(start + page.length)}`;
    }
    return { data: page.map(presentTemplate), paging };
  });

  registry.on("waba", "message_templates", "POST", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.waba.id, MANAGEMENT, node.id, "POST");
    const p = graphParams(req);
    if (typeof p.name !== "string") throw missing("name");
    if (!/^[a-z0-9_]{1,512}$/.test(p.name)) {
      throw templateError(
        2388042,
        "Template name is invalid",
        "Template names may only contain lowercase letters, digits and underscores, 512 characters at most.",
      );
    }
    if (typeof p.language !== "string") throw missing("language");
    const category = String(p.category ?? "").toUpperCase();
    if (!CATEGORIES.includes(category as Template["category"])) throw missing("category");
    const format = p.parameter_format === "NAMED" ? "NAMED" : "POSITIONAL";
    const library = typeof p.library_template_name === "string" ? p.library_template_name : null;
    const components = library
      ? libraryContent(library, p.language)
      : checkComponents(ctx, p.components, format);
    if (
      ctx.state.templates.some(
        (t) => t.wabaId === node.waba.id && t.name === p.name && t.language === p.language,
      )
    ) {
      throw templateError(
        2388024,
        "Content in this language already exists",
        `Content in ${LANGUAGE_NAMES[p.language] ?? p.language} already exists for template ${p.name}. Create a new template or add a different language.`,
      );
    }
    const template: Template = {
      id: newObjectId(),
      wabaId: node.waba.id,
      name: p.name,
      language: p.language,
      category: library
        ? (TEMPLATE_LIBRARY[library]?.category ?? "UTILITY")
        : (category as Template["category"]),
      status: "PENDING",
      parameterFormat: library ? "POSITIONAL" : format,
      components,
      rejectedReason: "NONE",
      createdAt: ctx.clock.now(),
      ...(library ? { libraryTemplateName: library } : {}),
    };
    ctx.state.templates.push(template);
    ctx.persist();
    // Library templates are written by Meta: approved at once, no review.
    if (library) setTemplateStatus(ctx, template, "APPROVED");
    else ctx.scheduleTemplateReview(template.id);
    return { id: template.id, status: template.status, category: template.category };
  });

  registry.on("waba", "message_templates", "DELETE", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.waba.id, MANAGEMENT, node.id, "DELETE");
    const p = graphParams(req);
    if (typeof p.name !== "string") throw missing("name");
    const matches = (t: Template) =>
      t.wabaId === node.waba.id && t.name === p.name && (p.hsm_id === undefined || t.id === p.hsm_id);
    const found = ctx.state.templates.filter(matches);
    if (found.length === 0) {
      throw templateError(
        2593002,
        "Message template not found",
        `Message template "${p.name}" was not found.`,
      );
    }
    if (found.some((t) => t.status === "DISABLED")) {
      throw templateError(
        undefined,
        "Template can't be deleted",
        "A disabled message template can't be deleted.",
      );
    }
    ctx.state.templates = ctx.state.templates.filter((t) => !matches(t));
    ctx.persist();
    return { success: true };
  });

  registry.on("template", null, "GET", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.template.wabaId, MANAGEMENT, node.id, "GET");
    return presentTemplate(node.template);
  });

  registry.on("template", null, "POST", async ({ req, node }) => {
    const { template } = node;
    requireWabaAccess(authenticate(ctx, req), template.wabaId, MANAGEMENT, node.id, "POST");
    if (!["APPROVED", "REJECTED", "PAUSED"].includes(template.status)) {
      throw templateError(
        2388025,
        "Template can't be edited",
        `A ${template.status} template can't be edited: only approved, rejected or paused ones can.`,
      );
    }
    const p = graphParams(req);
    const category =
      typeof p.category === "string" && CATEGORIES.includes(p.category as Template["category"])
        ? (p.category as Template["category"])
        : undefined;
    if (template.status === "APPROVED" && category !== undefined && category !== template.category) {
      throw templateError(
        2388026,
        "Category can't be changed",
        "The category of an approved template can't be changed.",
      );
    }
    const components =
      p.components !== undefined ? checkComponents(ctx, p.components, template.parameterFormat) : undefined;
    checkEditLimits(ctx, template);
    if (components) template.components = components;
    if (category) template.category = category;
    template.status = "PENDING";
    template.rejectedReason = "NONE";
    ctx.persist();
    ctx.scheduleTemplateReview(template.id);
    return { success: true };
  });
}
