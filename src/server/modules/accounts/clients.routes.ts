import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ClientResponse, IdParams } from "../../../contracts/accounts";
import { presentConnectionSummary } from "../connections/connections.presenter";
import { contextOf } from "./auth.hook";
import { getClient } from "./clients.service";

export const clientsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/clients/:id",
    {
      schema: {
        tags: ["clients"],
        summary: "The client's profile and connections",
        params: IdParams,
        response: { 200: ClientResponse },
      },
      config: { auth: { scope: "clients:read" } },
    },
    async (request) => {
      const { client, connections } = await getClient(contextOf(request), request.params.id);
      return {
        id: client.id,
        name: client.name,
        defaultCountry: client.defaultCountry,
        createdAt: client.createdAt.toISOString(),
        connections: connections.map(presentConnectionSummary),
      };
    },
  );
};
