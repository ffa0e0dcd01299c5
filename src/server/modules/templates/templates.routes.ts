import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { roleMay, USER_ROLES } from "../../../contracts/roles";
import {
  CreateTemplateBody,
  CreateTemplatesResponse,
  DeleteTemplateResponse,
  EditTemplateBody,
  StarterPackQuery,
  StarterPackResponse,
  StarterPackSubmitBody,
  SyncTemplatesBody,
  SyncTemplatesResponse,
  TemplateIdParams,
  TemplateListQuery,
  TemplateListResponse,
  TemplateMediaQuery,
  TemplateMediaResponse,
  TemplateResponse,
} from "../../../contracts/templates";
import { notFound } from "../../platform/errors";
import type { RouteAuth } from "../accounts/auth.hook";
import { contextOf } from "../accounts/auth.hook";
import { listStarters, submitStarter } from "./starter-pack.service";
import { TEMPLATE_SAMPLE_MAX_BYTES, uploadTemplateSample } from "./template-media.service";
import {
  createTemplates,
  deleteTemplate,
  editTemplate,
  getTemplate,
  listTemplates,
  syncTemplates,
} from "./templates.service";

const tags = ["templates"];

/** Submitting, editing and deleting templates: owners and admins (the shared role matrix), or API keys with `templates:write`. */
const WRITE: RouteAuth = {
  scope: "templates:write",
  roles: USER_ROLES.filter((role) => roleMay(role, "templates.manage")),
};

export const templatesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/templates",
    {
      schema: {
        tags,
        summary: "The client's message templates with their history, as last known from Meta",
        querystring: TemplateListQuery,
        response: { 200: TemplateListResponse },
      },
      config: { auth: { scope: "templates:read" } },
    },
    async (request) => ({ templates: await listTemplates(contextOf(request), request.query) }),
  );

  app.get(
    "/api/templates/starter-pack",
    {
      schema: {
        tags,
        summary: "The recruiting starter pack in French, Arabic and English, and which of it the number has",
        querystring: StarterPackQuery,
        response: { 200: StarterPackResponse },
      },
      config: { auth: { scope: "templates:read" } },
    },
    async (request) => ({ starters: await listStarters(contextOf(request), request.query) }),
  );

  app.post(
    "/api/templates/starter-pack",
    {
      schema: {
        tags,
        summary: "Submit one starter template in the languages asked (from Meta's library when it has it)",
        body: StarterPackSubmitBody,
        response: { 201: CreateTemplatesResponse },
      },
      config: { auth: WRITE },
    },
    async (request, reply) => reply.status(201).send(await submitStarter(contextOf(request), request.body)),
  );

  app.get(
    "/api/templates/:id",
    {
      schema: {
        tags,
        summary: "One template with its history",
        params: TemplateIdParams,
        response: { 200: TemplateResponse },
      },
      config: { auth: { scope: "templates:read" } },
    },
    async (request) => getTemplate(contextOf(request), request.params.id),
  );

  app.post(
    "/api/templates",
    {
      schema: {
        tags,
        summary: "Submit a template to Meta's review, one template per language under one name",
        body: CreateTemplateBody,
        response: { 201: CreateTemplatesResponse },
      },
      config: { auth: WRITE },
    },
    async (request, reply) => reply.status(201).send(await createTemplates(contextOf(request), request.body)),
  );

  app.patch(
    "/api/templates/:id",
    {
      schema: {
        tags,
        summary: "Edit a template's content or category (Meta reviews it again; limits apply)",
        params: TemplateIdParams,
        body: EditTemplateBody,
        response: { 200: TemplateResponse },
      },
      config: { auth: WRITE },
    },
    async (request) => editTemplate(contextOf(request), request.params.id, request.body),
  );

  app.delete(
    "/api/templates/:id",
    {
      schema: {
        tags,
        summary: "Delete one language of a template, at Meta and here",
        params: TemplateIdParams,
        response: { 200: DeleteTemplateResponse },
      },
      config: { auth: WRITE },
    },
    async (request) => {
      await deleteTemplate(contextOf(request), request.params.id);
      return { id: request.params.id, deleted: true as const };
    },
  );

  app.post(
    "/api/templates/sync",
    {
      schema: {
        tags,
        summary: "Sync a connection's templates from Meta now",
        body: SyncTemplatesBody,
        response: { 200: SyncTemplatesResponse },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const connection = await ctx.repos.connections.findById(request.body.connectionId);
      if (!connection) throw notFound("Connection");
      return { count: await syncTemplates(ctx.deps, ctx.clientId, connection.id) };
    },
  );

  // The sample's bytes as the body, like `POST /api/media`: its own context keeps the raw parser here.
  await app.register(async (media) => {
    media.removeAllContentTypeParsers();
    media.addContentTypeParser(
      "*",
      { parseAs: "buffer", bodyLimit: TEMPLATE_SAMPLE_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    media.withTypeProvider<ZodTypeProvider>().post(
      "/api/templates/media",
      {
        bodyLimit: TEMPLATE_SAMPLE_MAX_BYTES,
        schema: {
          tags,
          summary:
            "Upload a media header's sample to Meta (body: the bytes; Content-Type: its type) for its handle",
          querystring: TemplateMediaQuery,
          response: { 201: TemplateMediaResponse },
        },
        config: { auth: WRITE },
      },
      async (request, reply) => {
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const uploaded = await uploadTemplateSample(contextOf(request), request.query.connectionId, {
          bytes,
          mimeType: request.headers["content-type"] ?? "application/octet-stream",
          filename: request.query.filename ?? null,
        });
        return reply.status(201).send(uploaded);
      },
    );
  });
};
