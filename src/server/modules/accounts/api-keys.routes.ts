import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ApiKeyListResponse,
  CreateApiKeyBody,
  CreatedApiKeyResponse,
  IdParams,
} from "../../../contracts/accounts";
import { presentApiKey } from "./accounts.presenter";
import { createApiKey, listApiKeys, revokeApiKey } from "./api-keys.service";
import { contextOf } from "./auth.hook";

const tags = ["api-keys"];

export const apiKeysRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/api-keys",
    { schema: { tags, summary: "List the client's API keys", response: { 200: ApiKeyListResponse } } },
    async (request) => ({ apiKeys: (await listApiKeys(contextOf(request))).map(presentApiKey) }),
  );

  app.post(
    "/api/api-keys",
    {
      schema: {
        tags,
        summary: "Create an API key; the secret is shown once",
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKeyResponse },
      },
    },
    async (request, reply) => {
      const created = await createApiKey(contextOf(request), request.body);
      return reply.status(201).send({ apiKey: presentApiKey(created.apiKey), secret: created.secret });
    },
  );

  app.delete(
    "/api/api-keys/:id",
    { schema: { tags, summary: "Revoke an API key", params: IdParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await revokeApiKey(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
