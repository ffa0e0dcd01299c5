import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IdParams } from "../../../contracts/accounts";
import {
  EraseContactBody,
  EraseContactResponse,
  RetentionSettings,
  UpdateRetentionBody,
} from "../../../contracts/data-rights";
import { roleMay, USER_ROLES } from "../../../contracts/roles";
import { contextOf, type RouteAuth } from "../accounts/auth.hook";
import { eraseContact, exportContact, getRetention, updateRetention } from "./data-rights.service";

const tags = ["data rights"];
/** Owners and admins only, and no API key: a candidate's whole file leaves with one call. */
const DATA_RIGHTS: RouteAuth = { roles: USER_ROLES.filter((role) => roleMay(role, "dataRights.manage")) };

export const dataRightsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/contacts/:id/export",
    {
      schema: {
        tags,
        summary: "Everything held about a candidate, as a ZIP (candidate.json and media/)",
        params: IdParams,
        produces: ["application/zip"],
      },
      config: { auth: DATA_RIGHTS },
    },
    async (request, reply) => {
      const { fileName, bytes } = await exportContact(contextOf(request), request.params.id);
      return reply
        .header("content-type", "application/zip")
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .header("cache-control", "no-store")
        .send(bytes);
    },
  );

  app.post(
    "/api/contacts/:id/erase",
    {
      schema: {
        tags,
        summary: "Erases a candidate: messages, media, notes, personal data; ledger amounts stay",
        params: IdParams,
        body: EraseContactBody,
        response: { 200: EraseContactResponse },
      },
      config: { auth: DATA_RIGHTS },
    },
    async (request) => eraseContact(contextOf(request), request.params.id),
  );

  app.get(
    "/api/data-rights/retention",
    {
      schema: {
        tags,
        summary: "How long conversations and media files are kept (null: kept)",
        response: { 200: RetentionSettings },
      },
      config: { auth: DATA_RIGHTS },
    },
    async (request) => getRetention(contextOf(request)),
  );

  app.patch(
    "/api/data-rights/retention",
    {
      schema: {
        tags,
        summary: "Sets how long conversations and media files are kept",
        body: UpdateRetentionBody,
        response: { 200: RetentionSettings },
      },
      config: { auth: DATA_RIGHTS },
    },
    async (request) => updateRetention(contextOf(request), request.body),
  );
};
