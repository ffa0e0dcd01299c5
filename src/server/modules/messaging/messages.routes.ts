import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../contracts/accounts";
import { IdempotencyKeyHeaders } from "../../../contracts/idempotency";
import {
  ChatFindQuery,
  ChatFindResponse,
  ChatMediaPage,
  ChatMediaQuery,
  MessagePage,
  MessageResponse,
  MessageSearchPage,
  MessageSearchQuery,
  SendMessageBody,
} from "../../../contracts/messages";
import { contextOf } from "../accounts/auth.hook";
import { presentMessage } from "./messages.presenter";
import {
  findInChat,
  getMessageByWamid,
  listChatMedia,
  listMessages,
  openMedia,
  searchMessages,
} from "./messages.service";
import { sendMessage } from "./outbound/send.service";

const tags = ["messages"];
const INLINE = /^(image|audio|video)\//;

export const messagesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/api/messages/send",
    {
      schema: {
        tags,
        summary: "Queue a text, template or reaction for a candidate (Idempotency-Key header supported)",
        body: SendMessageBody,
        headers: IdempotencyKeyHeaders,
        response: { 202: MessageResponse },
      },
      config: { auth: { scope: "messages:send" } },
    },
    async (request, reply) => {
      const message = await sendMessage(contextOf(request), request.body, request.headers["idempotency-key"]);
      return reply.status(202).send(presentMessage(message));
    },
  );

  app.get(
    "/api/messages/by-wamid/:wamid",
    {
      schema: {
        tags,
        summary: "A message by its WhatsApp id (wamid), with its status and reactions",
        params: z.object({ wamid: z.string().min(1).max(200) }),
        response: { 200: MessageResponse },
      },
      config: { auth: { scope: "conversations:read" } },
    },
    async (request) => {
      const found = await getMessageByWamid(contextOf(request), request.params.wamid);
      return presentMessage(found.row, found.reactions);
    },
  );

  app.get(
    "/api/messages/search",
    {
      schema: {
        tags,
        summary:
          "Messages matching a search (text or file name; accents, case and Arabic harakat aside), newest first, with the matched snippet",
        querystring: MessageSearchQuery,
        response: { 200: MessageSearchPage },
      },
      config: { auth: { scope: "conversations:read" } },
    },
    async (request) => searchMessages(contextOf(request), request.query),
  );

  app.get(
    "/api/messages/:conversationId/search",
    {
      schema: {
        tags,
        summary: "Find in a chat: its messages matching a search, newest first",
        params: z.object({ conversationId: z.uuid() }),
        querystring: ChatFindQuery,
        response: { 200: ChatFindResponse },
      },
      config: { auth: { scope: "conversations:read" } },
    },
    async (request) =>
      findInChat(contextOf(request), request.params.conversationId, request.query.q, request.query.limit),
  );

  app.get(
    "/api/messages/:conversationId/media",
    {
      schema: {
        tags,
        summary: "A chat's photos and videos around one of them, oldest first, with their place among all",
        params: z.object({ conversationId: z.uuid() }),
        querystring: ChatMediaQuery,
        response: { 200: ChatMediaPage },
      },
      config: { auth: { scope: "conversations:read" } },
    },
    async (request) =>
      listChatMedia(
        contextOf(request),
        request.params.conversationId,
        request.query.around,
        request.query.limit,
      ),
  );

  app.get(
    "/api/messages/:conversationId",
    {
      schema: {
        tags,
        summary: "A conversation's messages, newest first, paginated",
        params: z.object({ conversationId: z.uuid() }),
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }),
        response: { 200: MessagePage },
      },
      config: { auth: { scope: "conversations:read" } },
    },
    async (request) => {
      const page = await listMessages(
        contextOf(request),
        request.params.conversationId,
        request.query.limit,
        request.query.cursor,
      );
      return {
        messages: page.messages.map((m) => presentMessage(m.row, m.reactions)),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    "/api/media/:id",
    {
      schema: { tags, summary: "A candidate's file, as received", params: IdParams },
      config: { auth: { scope: "conversations:read" } },
    },
    async (request, reply) => {
      const { media, file } = await openMedia(contextOf(request), request.params.id);
      const type = media.mimeType ?? "application/octet-stream";
      const name = (media.filename ?? `file-${media.id}`).replace(/["\r\n]/g, "");
      return (
        reply
          .type(type)
          .header("content-length", file.size)
          .header(
            "content-disposition",
            `${INLINE.test(type) ? "inline" : "attachment"}; filename="${encodeURIComponent(name)}"`,
          )
          // A file from a stranger never runs as a page of ours.
          .header("content-security-policy", "sandbox; default-src 'none'")
          .header("cache-control", "private, max-age=86400")
          .send(file.stream)
      );
    },
  );
};
