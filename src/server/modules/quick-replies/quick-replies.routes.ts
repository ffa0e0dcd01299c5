import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../contracts/accounts";
import {
  CreateQuickReplyBody,
  QuickReplyListResponse,
  QuickReplyResponse,
  UpdateQuickReplyBody,
} from "../../../contracts/quick-replies";
import { roleMay } from "../../../contracts/roles";
import { contextOf, type RouteAuth } from "../accounts/auth.hook";
import { presentQuickReply } from "./quick-replies.presenter";
import {
  createQuickReply,
  deleteQuickReply,
  listQuickReplies,
  quickReplyActorOf,
  updateQuickReply,
} from "./quick-replies.service";

const tags = ["quick-replies"];

/** Every signed-in user (no API key): the service checks who may change which reply. */
const USERS: { auth: RouteAuth } = { auth: {} };

export const quickRepliesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/quick-replies",
    {
      schema: {
        tags,
        summary: "The client's shared quick replies and the caller's own",
        response: { 200: QuickReplyListResponse },
      },
      config: USERS,
    },
    async (request) => {
      const ctx = contextOf(request);
      const actor = quickReplyActorOf(ctx);
      const replies = await listQuickReplies(ctx);
      return {
        quickReplies: replies.map((reply) => presentQuickReply(reply, actor)),
        canManageShared: roleMay(actor.role, "quickReplies.manageShared"),
      };
    },
  );

  app.post(
    "/api/quick-replies",
    {
      schema: {
        tags,
        summary: "Create a shared quick reply (owners and admins) or a personal one",
        body: CreateQuickReplyBody,
        response: { 201: QuickReplyResponse },
      },
      config: USERS,
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const created = await createQuickReply(ctx, request.body);
      return reply.status(201).send(presentQuickReply(created, quickReplyActorOf(ctx)));
    },
  );

  app.patch(
    "/api/quick-replies/:id",
    {
      schema: {
        tags,
        summary: "Change a quick reply's shortcut, title, language or text",
        params: IdParams,
        body: UpdateQuickReplyBody,
        response: { 200: QuickReplyResponse },
      },
      config: USERS,
    },
    async (request) => {
      const ctx = contextOf(request);
      const updated = await updateQuickReply(ctx, request.params.id, request.body);
      return presentQuickReply(updated, quickReplyActorOf(ctx));
    },
  );

  app.delete(
    "/api/quick-replies/:id",
    {
      schema: { tags, summary: "Delete a quick reply", params: IdParams, response: { 204: z.null() } },
      config: USERS,
    },
    async (request, reply) => {
      await deleteQuickReply(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
