import { ErrorCode } from "../../../contracts/errors";
import {
  type TemplateDraft,
  type TemplateProblem,
  templateEditRefusal,
  templateRuleOfMetaSubcode,
  validateTemplateContent,
  validateTemplateDraft,
} from "../../../contracts/template-rules";
import type {
  CreateTemplatesResponse,
  EditTemplateBody,
  TemplateResponse,
  TemplateSubmitFailure,
} from "../../../contracts/templates";
import type { ServerDeps } from "../../deps";
import type { Db } from "../../platform/db/client";
import { AppError, conflict, notFound } from "../../platform/errors";
import { event, recordEvents } from "../../platform/events/domain-events";
import { GraphError } from "../../platform/graph/graph-error";
import type { TemplateInfo } from "../../platform/graph/graph-types";
import { explain } from "../../platform/graph/meta-errors";
import { openToken } from "../connections/connection-secrets";
import { actorId, type RequestContext } from "../context";
import { inTenantTransaction, type TenantRepositories, tenantRepositories } from "../tenant-repositories";
import { changeOfEvent, rowChangesOf } from "./template-changes";
import { toMetaComponents } from "./template-components";
import type { TemplateEventRow } from "./template-events.repository";
import { clientTemplateName, metaTemplateName, templateNameMax } from "./template-names";
import { presentTemplate } from "./templates.presenter";
import type { TemplateRow, TemplateValues } from "./templates.repository";

function fromMeta(template: TemplateInfo): TemplateValues {
  const rejected =
    template.rejected_reason && template.rejected_reason !== "NONE" ? template.rejected_reason : null;
  return {
    metaTemplateId: template.id,
    name: template.name,
    language: template.language,
    category: template.category,
    status: template.status,
    qualityScore: template.quality_score?.score ?? null,
    parameterFormat: template.parameter_format === "NAMED" ? "NAMED" : "POSITIONAL",
    components: template.components,
    rejectionReason: rejected,
    statusReason: template.status === "REJECTED" ? rejected : null,
  };
}

/**
 * Reads a connection's templates from Meta and stores them, so sends and the picker use them. On a
 * shared WABA (a LinkoJob number) only the client's own are kept, under the client's names: the
 * other clients' and LinkoJob's own are none of this client's business (`template-names.ts`).
 */
export async function syncTemplates(
  deps: ServerDeps,
  clientId: string,
  connectionId: string,
): Promise<number> {
  const repos = tenantRepositories(deps.database.db, clientId);
  const connection = await repos.connections.findById(connectionId);
  if (!connection) throw notFound("Connection");
  if (!connection.accessTokenSealed || !connection.wabaId || connection.state !== "active") return 0;
  const token = openToken(deps.vault, connection.id, connection.accessTokenSealed);
  // Taken before asking Meta: a webhook applied meanwhile is newer than this list and wins.
  const readAt = new Date();
  const list = (await deps.graph.listTemplates(connection.wabaId, token)).flatMap((template) => {
    const name = clientTemplateName(connection, template.name);
    return name === null ? [] : [{ ...fromMeta(template), name }];
  });
  // One transaction: the picker never sees a half-synced list.
  await inTenantTransaction(deps.database.db, clientId, async (repos) => {
    await repos.templates.replaceAll(connection.id, list, readAt);
    // Changes Meta announced for templates this connection had not stored become their history;
    // those announced after the list was read are newer than it, and apply.
    for (const parked of await repos.templateEvents.adoptAllParked(connection.id)) {
      if (parked.at <= readAt || !parked.templateId) continue;
      await applyStoredChange(repos, parked.templateId, parked);
    }
  });
  return list.length;
}

/** Applies a change recorded in a template's history to the template (one that waited for it). */
async function applyStoredChange(
  repos: TenantRepositories,
  templateId: string,
  stored: TemplateEventRow,
): Promise<TemplateRow | undefined> {
  const row = await repos.templates.findById(templateId);
  const change = changeOfEvent(stored);
  if (!row || !change) return row;
  const changes = rowChangesOf(row, change);
  return Object.keys(changes).length > 0 ? repos.templates.update(row.id, changes) : row;
}

/** The templates with their history, in one query for all. */
export async function withHistory(
  repos: TenantRepositories,
  rows: TemplateRow[],
): Promise<TemplateResponse[]> {
  const history = await repos.templateEvents.ofTemplates(rows.map((r) => r.id));
  return rows.map((row) => presentTemplate(row, history.get(row.id) ?? []));
}

export async function listTemplates(
  ctx: RequestContext,
  filter: { connectionId?: string; status?: string; language?: string; name?: string },
): Promise<TemplateResponse[]> {
  return withHistory(ctx.repos, await ctx.repos.templates.list(filter));
}

export async function getTemplate(ctx: RequestContext, id: string): Promise<TemplateResponse> {
  const row = await ctx.repos.templates.findById(id);
  if (!row) throw notFound("Template");
  return (await withHistory(ctx.repos, [row]))[0] as TemplateResponse;
}

/** The connection a template call goes through, with its token: active, or a refusal that says why. */
export async function activeConnection(ctx: RequestContext, connectionId: string) {
  const connection = await ctx.repos.connections.findById(connectionId);
  if (!connection) throw notFound("Connection");
  if (!connection.accessTokenSealed || !connection.wabaId || connection.state !== "active") {
    throw conflict("This WhatsApp number is not connected: reconnect it before managing its templates");
  }
  return {
    connection,
    wabaId: connection.wabaId,
    token: openToken(ctx.deps.vault, connection.id, connection.accessTokenSealed),
  };
}

/** A draft's problems as the API reports them: 400 with each at its field of the request body. */
export function refuseProblems(problems: TemplateProblem[], prefix = "body"): AppError {
  const first = problems[0] as TemplateProblem;
  return new AppError(
    ErrorCode.validationFailed,
    `${prefix}.${first.field}: ${first.message}`,
    problems.map((p) => ({ ...p, field: `${prefix}.${p.field}` })),
  );
}

/** Meta's refusal in words: its own sentence for a person when it wrote one, else our explanation. */
export function metaWords(error: GraphError): string {
  const said = error.details.userMessage ?? error.details.detail ?? error.details.title ?? error.message;
  return explain(error.code, said);
}

function failureOf(error: unknown, language: string): TemplateSubmitFailure {
  if (!(error instanceof GraphError)) throw error;
  if (error.reaction === "reconnect") {
    throw new AppError(
      ErrorCode.needsReconnect,
      "WhatsApp no longer accepts this connection's access. Reconnect WhatsApp.",
      { metaCode: error.code ?? null },
    );
  }
  const transient = error.reaction === "retry";
  return {
    language,
    metaCode: error.code ?? null,
    metaSubcode: error.details.subcode ?? null,
    rule: templateRuleOfMetaSubcode(error.details.subcode),
    message: transient
      ? "WhatsApp could not be reached. Try again in a moment (sync the templates first: it may have been created)."
      : metaWords(error),
  };
}

async function audit(
  repos: TenantRepositories,
  ctx: RequestContext,
  action: string,
  templateId: string,
  metadata: Record<string, unknown>,
): Promise<void> {
  await repos.audit.record({
    actorType: ctx.actor.type,
    actorId: actorId(ctx.actor),
    action,
    targetType: "template",
    targetId: templateId,
    metadata,
    ip: ctx.ip,
    requestId: ctx.requestId,
  });
}

/** Announces a template's change to the client's dashboards, with the template as it now stands. */
async function announce(
  repos: TenantRepositories,
  tx: Db,
  clientId: string,
  change: "created" | "edited" | "deleted",
  row: TemplateRow,
  present: boolean,
): Promise<TemplateResponse | null> {
  const template = present ? ((await withHistory(repos, [row]))[0] as TemplateResponse) : null;
  await recordEvents(tx, clientId, [
    event("template:updated", { change, templateId: row.id, connectionId: row.connectionId, template }),
  ]);
  return template;
}

/** One translation to submit: custom content, or (when the library has it) a library template. */
export interface Submission {
  language: string;
  components: Record<string, unknown>[];
  libraryTemplateName?: string;
}

/**
 * Submits each language as its own Meta template under one name, stores each Meta took (with its
 * first line of history, and any review Meta already announced), and reports the languages Meta
 * refused in Meta's words. Refused everywhere: 400 `meta_error`.
 */
export async function submitTemplates(
  ctx: RequestContext,
  connectionId: string,
  draft: Pick<TemplateDraft, "name" | "category" | "parameterFormat">,
  submissions: Submission[],
): Promise<CreateTemplatesResponse> {
  const { connection, wabaId, token } = await activeConnection(ctx, connectionId);
  const nameMax = templateNameMax(connection);
  if (draft.name.length > nameMax)
    throw refuseProblems([
      {
        field: "name",
        code: "name_too_long",
        message: `Names are ${nameMax} characters at most on this number`,
        params: { max: nameMax },
      },
    ]);
  const templates: TemplateResponse[] = [];
  const failures: TemplateSubmitFailure[] = [];
  for (const submission of submissions) {
    const submittedAt = new Date();
    let created: { id: string; status: string; category: string };
    let components = submission.components;
    let parameterFormat = draft.parameterFormat;
    try {
      created = await ctx.deps.graph.createTemplate(wabaId, token, {
        name: metaTemplateName(connection, draft.name),
        language: submission.language,
        category: draft.category,
        ...(submission.libraryTemplateName
          ? { library_template_name: submission.libraryTemplateName }
          : { parameter_format: draft.parameterFormat, components }),
      });
      if (submission.libraryTemplateName) {
        // Meta wrote the content: store it as Meta has it.
        const stored = await ctx.deps.graph.getTemplate(created.id, token);
        components = stored.components;
        parameterFormat = stored.parameter_format === "NAMED" ? "NAMED" : "POSITIONAL";
      }
    } catch (error) {
      failures.push(failureOf(error, submission.language));
      continue;
    }
    const template = await ctx.transaction(async (repos, tx) => {
      await repos.templateEvents.lockMetaTemplate(connection.id, created.id);
      let row: TemplateRow = await repos.templates.insertSubmitted(connection.id, {
        metaTemplateId: created.id,
        name: draft.name,
        language: submission.language,
        category: created.category || draft.category,
        status: created.status || "PENDING",
        qualityScore: null,
        parameterFormat,
        components,
        rejectionReason: null,
        statusReason: null,
      });
      await repos.templateEvents.record({
        connectionId: connection.id,
        templateId: row.id,
        metaTemplateId: created.id,
        kind: "submitted",
        status: created.status || "PENDING",
        category: created.category || draft.category,
        reason: submission.libraryTemplateName ? `LIBRARY:${submission.libraryTemplateName}` : null,
        at: submittedAt,
      });
      // Meta's review may have been announced before its answer reached us.
      for (const parked of await repos.templateEvents.adoptParked(connection.id, created.id, row.id)) {
        row = (await applyStoredChange(repos, row.id, parked)) ?? row;
      }
      await audit(repos, ctx, "template.submitted", row.id, {
        name: row.name,
        language: row.language,
        category: row.category,
        metaTemplateId: row.metaTemplateId,
        ...(submission.libraryTemplateName ? { library: submission.libraryTemplateName } : {}),
      });
      return (await announce(repos, tx, ctx.clientId, "created", row, true)) as TemplateResponse;
    });
    templates.push(template);
  }
  if (templates.length === 0) {
    const first = failures[0] as TemplateSubmitFailure;
    throw new AppError(ErrorCode.metaError, `WhatsApp refused the template: ${first.message}`, { failures });
  }
  return { templates, failures };
}

/** `POST /api/templates`: the shared rules first, then one Meta template per language. */
export async function createTemplates(
  ctx: RequestContext,
  body: TemplateDraft & { connectionId: string },
): Promise<CreateTemplatesResponse> {
  const { connectionId, ...draft } = body;
  const problems = validateTemplateDraft(draft);
  if (problems.length > 0) throw refuseProblems(problems);
  return submitTemplates(
    ctx,
    connectionId,
    draft,
    draft.translations.map((translation) => ({
      language: translation.language,
      components: toMetaComponents(translation, draft.parameterFormat),
    })),
  );
}

const EDIT_REFUSALS = {
  status_not_editable: "Only approved, rejected or paused templates can be edited",
  edited_today: "An approved template can be edited once every 24 hours: try again later",
  edit_limit_month:
    "An approved template can be edited 10 times in 30 days: try again later or create a new one",
  category_locked: "The category of an approved template can't be changed: create a new template instead",
} as const;

/** `PATCH /api/templates/:id`: within Meta's edit limits, checked here first, then by Meta. */
export async function editTemplate(
  ctx: RequestContext,
  id: string,
  body: EditTemplateBody,
): Promise<TemplateResponse> {
  const row = await ctx.repos.templates.findById(id);
  if (!row) throw notFound("Template");
  const now = new Date();
  const refusal = templateEditRefusal(row, row.approvedEdits, now, body.category);
  if (refusal) throw new AppError(ErrorCode.conflict, EDIT_REFUSALS[refusal], { reason: refusal });
  const problems: TemplateProblem[] = [];
  if (body.category === "AUTHENTICATION") {
    problems.push({
      field: "category",
      code: "category_unsupported",
      message:
        "Authentication templates (one-time codes) have a layout fixed by Meta and are not written here",
    });
  }
  if (body.content) problems.push(...validateTemplateContent(body.content, row.parameterFormat, "content"));
  if (problems.length > 0) throw refuseProblems(problems);
  const { token } = await activeConnection(ctx, row.connectionId);
  const components = body.content ? toMetaComponents(body.content, row.parameterFormat) : undefined;
  const wasApproved = row.status === "APPROVED";
  try {
    await ctx.deps.graph.editTemplate(row.metaTemplateId, token, {
      ...(body.category ? { category: body.category } : {}),
      ...(components ? { components } : {}),
    });
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    throw new AppError(ErrorCode.metaError, `WhatsApp refused the edit: ${metaWords(error)}`, {
      metaCode: error.code ?? null,
      metaSubcode: error.details.subcode ?? null,
      rule: templateRuleOfMetaSubcode(error.details.subcode),
    });
  }
  return ctx.transaction(async (repos, tx) => {
    const updated = await repos.templates.applyEdit(
      row.id,
      {
        ...(components ? { components } : {}),
        ...(body.category ? { category: body.category } : {}),
        ...(wasApproved ? { approvedEdits: [...row.approvedEdits, now.toISOString()] } : {}),
      },
      now,
    );
    if (!updated) throw notFound("Template");
    await repos.templateEvents.record({
      connectionId: row.connectionId,
      templateId: row.id,
      metaTemplateId: row.metaTemplateId,
      kind: "edited",
      status: "PENDING",
      category: body.category ?? null,
      at: now,
    });
    await audit(repos, ctx, "template.edited", row.id, {
      name: row.name,
      language: row.language,
      contentChanged: components !== undefined,
      ...(body.category ? { category: body.category } : {}),
    });
    return (await announce(repos, tx, ctx.clientId, "edited", updated, true)) as TemplateResponse;
  });
}

/** `DELETE /api/templates/:id`: this language at Meta (by name and id), then here. */
export async function deleteTemplate(ctx: RequestContext, id: string): Promise<void> {
  const row = await ctx.repos.templates.findById(id);
  if (!row) throw notFound("Template");
  const { connection, wabaId, token } = await activeConnection(ctx, row.connectionId);
  try {
    await ctx.deps.graph.deleteTemplate(
      wabaId,
      token,
      metaTemplateName(connection, row.name),
      row.metaTemplateId,
    );
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    // Gone at Meta already: only our copy is left to remove.
    if (templateRuleOfMetaSubcode(error.details.subcode) !== "template_not_found") {
      throw new AppError(
        ErrorCode.metaError,
        `WhatsApp refused to delete the template: ${metaWords(error)}`,
        {
          metaCode: error.code ?? null,
          metaSubcode: error.details.subcode ?? null,
          rule: templateRuleOfMetaSubcode(error.details.subcode),
        },
      );
    }
  }
  await ctx.transaction(async (repos, tx) => {
    await audit(repos, ctx, "template.deleted", row.id, {
      name: row.name,
      language: row.language,
      metaTemplateId: row.metaTemplateId,
    });
    await repos.templates.remove(row.id);
    await announce(repos, tx, ctx.clientId, "deleted", row, false);
  });
}
