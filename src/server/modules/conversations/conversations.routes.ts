import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../contracts/accounts";
import {
  AssignBody,
  ContactListQuery,
  ContactPage,
  ContactResponse,
  ConversationListQuery,
  ConversationPage,
  ConversationResponse,
  CreateNoteBody,
  NoteResponse,
  UpdateContactBody,
} from "../../../contracts/conversations";
import { contextOf } from "../accounts/auth.hook";
import { presentContact, presentConversation } from "./conversations.presenter";
import {
  addNote,
  assignConversation,
  getConversation,
  listContacts,
  listConversations,
  listNotes,
  markConversationRead,
  showTyping,
  updateContact,
} from "./conversations.service";

const tags = ["conversations"];
const presentNote = (n: { id: string; authorId: string | null; body: string; createdAt: Date }) => ({
  id: n.id,
  authorId: n.authorId,
  body: n.body,
  createdAt: n.createdAt.toISOString(),
});
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
      const page = await listConversations(contextOf(request), request.query);
      return {
        conversations: page.conversations.map((c) => presentConversation(c)),
        nextCursor: page.nextCursor,
      };
    },
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
    async (request) => presentConversation(await getConversation(contextOf(request), request.params.id)),
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
    async (request) => presentConversation(await markConversationRead(contextOf(request), request.params.id)),
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
    async (request) =>
      presentConversation(
        await assignConversation(contextOf(request), request.params.id, request.body.assigneeId),
      ),
  );

  app.get(
    "/api/conversations/:id/notes",
    {
      schema: {
        tags,
        summary: "The team's private notes",
        params: IdParams,
        response: { 200: z.object({ notes: z.array(NoteResponse) }) },
      },
      config: read,
    },
    async (request) => ({ notes: (await listNotes(contextOf(request), request.params.id)).map(presentNote) }),
  );

  app.post(
    "/api/conversations/:id/notes",
    {
      schema: {
        tags,
        summary: "Add a private note",
        params: IdParams,
        body: CreateNoteBody,
        response: { 201: NoteResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentNote(await addNote(contextOf(request), request.params.id, request.body.body))),
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
