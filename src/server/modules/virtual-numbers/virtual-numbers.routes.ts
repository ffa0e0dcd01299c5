import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  AssignedVirtualNumber,
  AssignVirtualNumberBody,
  RegisterVirtualWabaBody,
  VirtualNumberDetail,
  VirtualNumberParams,
  VirtualNumberPool,
} from "../../../contracts/virtual-numbers";
import type { ServerDeps } from "../../deps";
import { operatorContextOf } from "../operator/operator.service";
import {
  presentVirtualNumber,
  presentVirtualNumberDetail,
  presentVirtualWaba,
} from "./virtual-numbers.presenter";
import {
  assignVirtualNumber,
  getPool,
  getVirtualNumber,
  registerVirtualWaba,
  releaseVirtualNumber,
} from "./virtual-numbers.service";

const tags = ["operator"];
const config = { auth: { operator: true as const } };

const presentPool = (pool: Awaited<ReturnType<typeof getPool>>) => ({
  wabas: pool.wabas.map(presentVirtualWaba),
  numbers: pool.numbers.map(presentVirtualNumber),
});

/**
 * LinkoJob's own numbers, lent to clients. Operator credentials only; registered inside the
 * operator routes, so every call is in the operators' log.
 */
export const virtualNumberRoutes: FastifyPluginAsyncZod<{ deps: ServerDeps }> = async (app, { deps }) => {
  const contextOf = (request: FastifyRequest) => operatorContextOf(deps, request);

  app.post(
    "/api/operator/virtual-numbers/waba",
    {
      schema: {
        tags,
        summary:
          "Connect LinkoJob's WhatsApp Business Account (system-user token) and put its numbers in the pool",
        body: RegisterVirtualWabaBody,
        response: { 200: VirtualNumberPool },
      },
      config,
    },
    async (request) => presentPool(await registerVirtualWaba(contextOf(request), request.body)),
  );

  app.get(
    "/api/operator/virtual-numbers",
    {
      schema: {
        tags,
        summary: "The pool of LinkoJob numbers: available, assigned (to whom) or quarantined (until when)",
        response: { 200: VirtualNumberPool },
      },
      config,
    },
    async (request) => presentPool(await getPool(contextOf(request))),
  );

  app.get(
    "/api/operator/virtual-numbers/:numberId",
    {
      schema: {
        tags,
        summary: "A LinkoJob number with every client that held it",
        params: VirtualNumberParams,
        response: { 200: VirtualNumberDetail },
      },
      config,
    },
    async (request) =>
      presentVirtualNumberDetail(await getVirtualNumber(contextOf(request), request.params.numberId)),
  );

  app.post(
    "/api/operator/virtual-numbers/:numberId/assign",
    {
      schema: {
        tags,
        summary:
          "Give a LinkoJob number to a client: a working connection, the month's fee, the display name to Meta's review",
        params: VirtualNumberParams,
        body: AssignVirtualNumberBody,
        response: { 201: AssignedVirtualNumber },
      },
      config,
    },
    async (request, reply) => {
      const assigned = await assignVirtualNumber(contextOf(request), request.params.numberId, request.body);
      return reply
        .status(201)
        .send({ number: presentVirtualNumber(assigned), connectionId: assigned.connectionId });
    },
  );

  app.post(
    "/api/operator/virtual-numbers/:numberId/release",
    {
      schema: {
        tags,
        summary:
          "Take a LinkoJob number back: its history stays with the client, the number rests in quarantine",
        params: VirtualNumberParams,
        response: { 200: VirtualNumberDetail },
      },
      config,
    },
    async (request) =>
      presentVirtualNumberDetail(await releaseVirtualNumber(contextOf(request), request.params.numberId)),
  );
};
