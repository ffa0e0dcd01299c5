import type { SimContext } from "../context";
import { MetaError } from "../errors";
import { newObjectId } from "../ids";
import type { Template, TemplateComponent, TemplateStatus } from "../state";
import { authenticate, MANAGEMENT, requireWabaAccess } from "./auth";
import { graphParams } from "./params";
import type { GraphRegistry } from "./registry";
import { missing } from "./validate-send";
import { variablesOf } from "./validate-template";

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
    id: t.id,
  };
}

/** Moves a template to a review outcome and tells the product through `message_template_status_update`. */
export function decideTemplate(
  ctx: SimContext,
  template: Template,
  status: TemplateStatus,
  reason = "NONE",
): void {
  template.status = status;
  template.rejectedReason = status === "REJECTED" ? reason : "NONE";
  ctx.webhooks.emit(template.wabaId, "message_template_status_update", {
    event: status,
    message_template_id: Number(template.id),
    message_template_name: template.name,
    message_template_language: template.language,
    reason: status === "REJECTED" ? reason : null,
    message_template_category: template.category,
    ...(status === "REJECTED"
      ? {
          rejection_info: {
            reason,
            recommendation: "Review the WhatsApp Business messaging policy and edit the template.",
          },
        }
      : {}),
  });
  ctx.persist();
}

function templateError(subcode: number, details: string): MetaError {
  return new MetaError(100, { subcode, details, message: "(#100) Invalid parameter" });
}

/** The checks Meta runs at creation that a product is likely to trip over. */
function parseComponents(value: unknown, format: Template["parameterFormat"]): TemplateComponent[] {
  if (!Array.isArray(value) || value.length === 0) throw missing("components");
  const components = value as TemplateComponent[];
  const body = components.find((c) => c.type === "BODY");
  if (!body?.text) throw templateError(2388047, "A template needs a BODY component with text.");
  if ([...body.text].length > 1024)
    throw templateError(2388040, "The body text is longer than 1024 characters.");
  if (/^\s*\{\{[^}]+\}\}|\{\{[^}]+\}\}\s*[.!?]?\s*$/.test(body.text)) {
    throw templateError(2388299, "Variables can't be at the start or end of the template.");
  }
  for (const c of components) {
    const names = variablesOf(c.text);
    if (format === "POSITIONAL" && names.some((n, i) => n !== String(i + 1))) {
      throw templateError(
        2388043,
        `${c.type} variables must be {{1}}, {{2}}, ... in order for POSITIONAL templates.`,
      );
    }
    if (format === "NAMED" && names.some((n) => !/^[a-z_][a-z0-9_]*$/.test(n))) {
      throw templateError(2388043, `${c.type} variables must be lowercase names for NAMED templates.`);
    }
    if (names.length > 0 && !c.example)
      throw templateError(2388043, `${c.type} has variables but no example values.`);
  }
  return components;
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
        "Template names may only contain lowercase letters, digits and underscores.",
      );
    }
    if (typeof p.language !== "string") throw missing("language");
    const category = String(p.category ?? "").toUpperCase();
    if (!CATEGORIES.includes(category as Template["category"])) throw missing("category");
    const format = p.parameter_format === "NAMED" ? "NAMED" : "POSITIONAL";
    const components = parseComponents(p.components, format);
    if (
      ctx.state.templates.some(
        (t) => t.wabaId === node.waba.id && t.name === p.name && t.language === p.language,
      )
    ) {
      throw templateError(2388024, `Content in ${p.language} already exists for template ${p.name}.`);
    }
    const template: Template = {
      id: newObjectId(),
      wabaId: node.waba.id,
      name: p.name,
      language: p.language,
      category: category as Template["category"],
      status: "PENDING",
      parameterFormat: format,
      components,
      rejectedReason: "NONE",
      createdAt: ctx.clock.now(),
    };
    ctx.state.templates.push(template);
    ctx.persist();
    ctx.scheduleTemplateReview(template.id);
    return { id: template.id, status: template.status, category: template.category };
  });

  registry.on("waba", "message_templates", "DELETE", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.waba.id, MANAGEMENT, node.id, "DELETE");
    const p = graphParams(req);
    if (typeof p.name !== "string") throw missing("name");
    const matches = (t: Template) =>
      t.wabaId === node.waba.id && t.name === p.name && (p.hsm_id === undefined || t.id === p.hsm_id);
    if (!ctx.state.templates.some(matches)) {
      throw new MetaError(100, { subcode: 2593002, details: `Message template "${p.name}" was not found.` });
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
      throw new MetaError(100, {
        subcode: 2388025,
        details: `A ${template.status} template can't be edited.`,
      });
    }
    const p = graphParams(req);
    if (p.components !== undefined)
      template.components = parseComponents(p.components, template.parameterFormat);
    if (typeof p.category === "string" && CATEGORIES.includes(p.category as Template["category"])) {
      if (template.status === "APPROVED" && p.category !== template.category) {
        throw new MetaError(100, {
          subcode: 2388026,
          details: "The category of an approved template can't be changed.",
        });
      }
      template.category = p.category as Template["category"];
    }
    template.status = "PENDING";
    ctx.persist();
    ctx.scheduleTemplateReview(template.id);
    return { success: true };
  });
}
