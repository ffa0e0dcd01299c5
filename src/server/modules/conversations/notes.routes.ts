import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../contracts/accounts";
import { CreateNoteBody, MentionListResponse, NoteResponse } from "../../../contracts/conversations";
import { USER_ROLES } from "../../../contracts/roles";
import { contextOf, type RouteAuth } from "../accounts/auth.hook";
import { addNote, listMentions, listNotes, markMentionsSeen, presentNote } from "./notes.service";

const tags = ["conversations"];
/** The team's private notes are read by integrations too; they are written by people. */
const READ: { auth: RouteAuth } = { auth: { scope: "conversations:read" } };
/** A user's own mentions: their session only. */
const OWN: { auth: RouteAuth } = { auth: { roles: [...USER_ROLES] } };

export const notesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/conversations/:id/notes",
    {
      schema: {
        tags,
        summary: "The team's private notes",
        params: IdParams,
        response: { 200: z.object({ notes: z.array(NoteResponse) }) },
      },
      config: READ,
    },
    async (request) => ({ notes: (await listNotes(contextOf(request), request.params.id)).map(presentNote) }),
  );

  app.post(
    "/api/conversations/:id/notes",
    {
      schema: {
        tags,
        summary: "Add a private note; the colleagues it @mentions are notified",
        params: IdParams,
        body: CreateNoteBody,
        response: { 201: NoteResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentNote(await addNote(contextOf(request), request.params.id, request.body))),
  );

  app.get(
    "/api/mentions",
    {
      schema: {
        tags,
        summary: "The notes that mention me, newest first, and how many are new",
        response: { 200: MentionListResponse },
      },
      config: OWN,
    },
    async (request) => listMentions(contextOf(request)),
  );

  app.post(
    "/api/mentions/seen",
    {
      schema: { tags, summary: "My mentions up to now are seen", response: { 204: z.null() } },
      config: OWN,
    },
    async (request, reply) => {
      await markMentionsSeen(contextOf(request));
      return reply.status(204).send(null);
    },
  );
};
