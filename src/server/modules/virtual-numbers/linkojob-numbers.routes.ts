import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ConnectionResponse } from "../../../contracts/connections";
import { LinkojobNumberOffer, TakeLinkojobNumberBody } from "../../../contracts/virtual-numbers";
import { contextOf } from "../accounts/auth.hook";
import { presentConnection } from "../connections/connections.presenter";
import { getLinkojobNumberOffer, takeLinkojobNumber } from "./virtual-numbers.service";

const tags = ["connections"];

/**
 * The client's side of LinkoJob's own numbers: on its Connections page, "a LinkoJob number" beside
 * "my own number". Signed-in users only (no API key: taking one costs a monthly fee); taking one is
 * for owners and admins. Giving one back is disconnecting its connection.
 */
export const linkojobNumbersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/linkojob-numbers",
    {
      schema: {
        tags,
        summary: "Whether the client may take a LinkoJob number now, and what it costs a month",
        response: { 200: LinkojobNumberOffer },
      },
    },
    async (request) => getLinkojobNumberOffer(contextOf(request)),
  );

  app.post(
    "/api/linkojob-numbers",
    {
      schema: {
        tags,
        summary:
          "Take a free LinkoJob number at once: a working connection under the client's display name (Meta reviews it), the monthly fee",
        body: TakeLinkojobNumberBody,
        response: { 201: ConnectionResponse },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentConnection(await takeLinkojobNumber(contextOf(request), request.body))),
  );
};
