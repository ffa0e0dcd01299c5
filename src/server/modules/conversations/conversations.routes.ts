import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../contracts/accounts";
import {
  ArchiveBody,
  AssignBody,
  ChangeStatusBody,
  ContactListQuery,
  ContactPage,
  ContactResponse,
  ConversationCampaigns,
  ConversationCounts,
  ConversationCountsQuery,
  ConversationListQuery,
  ConversationPage,
  ConversationResponse,
  PreferencesBody,
  PreferencesResponse,
  UpdateContactBody,
} from "../../../contracts/conversations";
import { AddLabelBody, ConversationLabelParams, SetStageBody } from "../../../contracts/pipeline";
import { contextOf } from "../accounts/auth.hook";
import type { RequestContext } from "../context";
import {
  changeStatus,
  countViews,
  markUnread,
  setArchived,
  setPreferences,
  viewerPreferences,
} from "./conversation-status.service";
import { presentContact, presentConversation } from "./conversations.presenter";
import type { ConversationWithContact, ListedConversation } from "./conversations.repository";
import {
  assignConversation,
  getConversation,
  listContacts,
  listConversationCampaigns,
  listConversations,
  markConversationRead,
  showTyping,
  updateContact,
} from "./conversations.service";
import { changeLabel, setStage } from "./pipeline.service";

const tags = ["conversations"];
/** Conversations as the requesting user sees them: with their own pin and mute. */
async function presentFor(ctx: RequestContext, rows: ConversationWithContact[]) {
  const viewer = await viewerPreferences(
    ctx,
    rows.map((row) => row.id),
  );
  const now = Date.now();
  return rows.map((row) => presentConversation(row, now, viewer(row.id)));
}
const presentOneFor = async (ctx: RequestContext, row: ConversationWithContact) =>
  (await presentFor(ctx, [row]))[0]!;

const read = { auth: { scope: "conversations:read" as const } };
const write = { auth: { scope: "conversations:write" as const } };

export const conversationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/conversations",
    {
      schema: {
        tags,
        summary: "Conversations, newest first: search, filters, cursor pagination",
        querystring: ConversationListQuery,
        response: { 200: ConversationPage },
      },
      config: read,
    },
    async (request) => {
      const ctx = contextOf(request);
      const page = await listConversations(ctx, request.query);
      const now = Date.now();
      // The rows carry the user's pins and mutes (an integration has none).
      const viewer = (row: ListedConversation) => (ctx.actor.type === "user" ? row.viewer : undefined);
      return {
        conversations: page.conversations.map((row) => presentConversation(row, now, viewer(row))),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    "/api/conversations/counts",
    {
      schema: {
        tags,
        summary:
          "Exact counts of the views (mine, unassigned, open, snoozed, resolved, archived), and of the stages and labels in the list's view",
        querystring: ConversationCountsQuery,
        response: { 200: ConversationCounts },
      },
      config: read,
    },
    async (request) => {
      const { views, stages, labels } = await countViews(contextOf(request), request.query);
      return { counts: views, stages, labels };
    },
  );

  app.get(
    "/api/conversations/campaigns",
    {
      schema: {
        tags,
        summary: "The client's campaigns with how many chats of the inbox each (the campaign filter)",
        response: { 200: ConversationCampaigns },
      },
      config: read,
    },
    async (request) => ({ campaigns: await listConversationCampaigns(contextOf(request)) }),
  );

  app.get(
    "/api/conversations/:id",
    {
      schema: {
        tags,
        summary: "One conversation with its candidate",
        params: IdParams,
        response: { 200: ConversationResponse },
      },
      config: read,
    },
    async (request) => {
      const ctx = contextOf(request);
      return presentOneFor(ctx, await getConversation(ctx, request.params.id));
    },
  );

  app.post(
    "/api/conversations/:id/status",
    {
      schema: {
        tags,
        summary: "Open, wait for the candidate, resolve, or snooze until a time (a reply reopens it)",
        params: IdParams,
        body: ChangeStatusBody,
        response: { 200: ConversationResponse },
      },
      config: write,
    },
    async (request) => {
      const ctx = contextOf(request);
      return presentOneFor(ctx, await changeStatus(ctx, request.params.id, request.body));
    },
  );

  app.post(
    "/api/conversations/:id/archive",
    {
      schema: {
        tags,
        summary: "Archive (out of every view but Archived) or unarchive; a reply brings it back",
        params: IdParams,
        body: ArchiveBody,
        response: { 200: ConversationResponse },
      },
      config: write,
    },
    async (request) => {
      const ctx = contextOf(request);
      return presentOneFor(ctx, await setArchived(ctx, request.params.id, request.body.isArchived));
    },
  );

  app.post(
    "/api/conversations/:id/unread",
    {
      schema: {
        tags,
        summary: "Mark unread for the team until someone opens it",
        params: IdParams,
        response: { 200: ConversationResponse },
      },
      config: write,
    },
    async (request) => {
      const ctx = contextOf(request);
      return presentOneFor(ctx, await markUnread(ctx, request.params.id));
    },
  );

  app.put(
    "/api/conversations/:id/stage",
    {
      schema: {
        tags,
        summary: "Set the candidate's hiring stage in this chat (one of the client's), or clear it with null",
        params: IdParams,
        body: SetStageBody,
        response: { 200: ConversationResponse },
      },
      config: write,
    },
    async (request) => {
      const ctx = contextOf(request);
      return presentOneFor(ctx, await setStage(ctx, request.params.id, request.body.stageId));
    },
  );

  app.post(
    "/api/conversations/:id/labels",
    {
      schema: {
        tags,
        summary: "Put one of the client's labels on the chat",
        params: IdParams,
        body: AddLabelBody,
        response: { 200: ConversationResponse },
      },
      config: write,
    },
    async (request) => {
      const ctx = contextOf(request);
      return presentOneFor(ctx, await changeLabel(ctx, request.params.id, request.body.labelId, "add"));
    },
  );

  app.delete(
    "/api/conversations/:id/labels/:labelId",
    {
      schema: {
        tags,
        summary: "Take a label off the chat",
        params: ConversationLabelParams,
        response: { 200: ConversationResponse },
      },
      config: write,
    },
    async (request) => {
      const ctx = contextOf(request);
      const { id, labelId } = request.params;
      return presentOneFor(ctx, await changeLabel(ctx, id, labelId, "remove"));
    },
  );

  app.put(
    "/api/conversations/:id/preferences",
    {
      schema: {
        tags,
        summary: "Pin or mute for yourself (recruiters' sessions only)",
        params: IdParams,
        body: PreferencesBody,
        response: { 200: PreferencesResponse },
      },
      config: write,
    },
    async (request) => setPreferences(contextOf(request), request.params.id, request.body),
  );

  app.patch(
    "/api/conversations/:id/read",
    {
      schema: {
        tags,
        summary: "Mark read for the team and on WhatsApp",
        params: IdParams,
        response: { 200: ConversationResponse },
      },
      config: write,
    },
    async (request) => {
      const ctx = contextOf(request);
      return presentOneFor(ctx, await markConversationRead(ctx, request.params.id));
    },
  );

  app.post(
    "/api/conversations/:id/typing",
    {
      schema: {
        tags,
        summary: "Show the candidate that a recruiter is typing",
        params: IdParams,
        response: { 204: z.null() },
      },
      config: write,
    },
    async (request, reply) => {
      await showTyping(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/conversations/:id/assign",
    {
      schema: {
        tags,
        summary: "Assign to a recruiter (or unassign with null)",
        params: IdParams,
        body: AssignBody,
        response: { 200: ConversationResponse },
      },
      config: write,
    },
    async (request) => {
      const ctx = contextOf(request);
      return presentOneFor(ctx, await assignConversation(ctx, request.params.id, request.body.assigneeId));
    },
  );

  app.get(
    "/api/contacts",
    {
      schema: {
        tags,
        summary:
          "Candidates, newest first: search by name or phone, LinkoJob candidate id, consent; cursor pagination",
        querystring: ContactListQuery,
        response: { 200: ContactPage },
      },
      config: read,
    },
    async (request) => {
      const page = await listContacts(contextOf(request), request.query);
      return { contacts: page.contacts.map(presentContact), nextCursor: page.nextCursor };
    },
  );

  app.patch(
    "/api/contacts/:id",
    {
      schema: {
        tags,
        summary: "A candidate's name, LinkoJob references or consent",
        params: IdParams,
        body: UpdateContactBody,
        response: { 200: ContactResponse },
      },
      config: write,
    },
    async (request) =>
      presentContact(await updateContact(contextOf(request), request.params.id, request.body)),
  );
};
