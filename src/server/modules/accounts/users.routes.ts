import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CreateUserBody,
  IdParams,
  UpdateUserBody,
  UserListResponse,
  UserResponse,
} from "../../../contracts/accounts";
import { presentUser } from "./accounts.presenter";
import { contextOf } from "./auth.hook";
import { createUser, deleteUser, listUsers, updateUser } from "./users.service";

const tags = ["users"];

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/users",
    {
      schema: { tags, summary: "List the client's users", response: { 200: UserListResponse } },
      config: { auth: { scope: "users:read" } },
    },
    async (request) => ({ users: (await listUsers(contextOf(request))).map(presentUser) }),
  );

  app.post(
    "/api/users",
    {
      schema: {
        tags,
        summary: "Add a user (owners and admins)",
        body: CreateUserBody,
        response: { 201: UserResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentUser(await createUser(contextOf(request), request.body))),
  );

  app.patch(
    "/api/users/:id",
    {
      schema: {
        tags,
        summary: "Change a user's name, role, password or access",
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: UserResponse },
      },
    },
    async (request) => presentUser(await updateUser(contextOf(request), request.params.id, request.body)),
  );

  app.delete(
    "/api/users/:id",
    { schema: { tags, summary: "Remove a user", params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await deleteUser(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
