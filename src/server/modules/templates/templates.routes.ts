import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  SyncTemplatesBody,
  SyncTemplatesResponse,
  TemplateListQuery,
  TemplateListResponse,
} from "../../../contracts/templates";
import { notFound } from "../../platform/errors";
import { contextOf } from "../accounts/auth.hook";
import { presentTemplate } from "./templates.presenter";
import { listTemplates, syncTemplates } from "./templates.service";

const tags = ["templates"];

export const templatesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/templates",
    {
      schema: {
        tags,
        summary: "The client's message templates, as last synced from Meta",
        querystring: TemplateListQuery,
        response: { 200: TemplateListResponse },
      },
      config: { auth: { scope: "templates:read" } },
    },
    async (request) => ({
      templates: (await listTemplates(contextOf(request), request.query)).map(presentTemplate),
    }),
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
};
