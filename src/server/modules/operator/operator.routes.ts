import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CreateApiKeyBody, CreatedApiKeyResponse, UserResponse } from "../../../contracts/accounts";
import { IdempotencyKeyHeaders } from "../../../contracts/idempotency";
import {
  ClientIdParams,
  ClientKeyParams,
  CreatedClientResponse,
  OperatorApiKeyList,
  OperatorClientDetail,
  OperatorClientListQuery,
  OperatorClientPage,
  OperatorCreateClientBody,
  OperatorCreateUserBody,
  OperatorUpdateClientBody,
  SuspendClientBody,
} from "../../../contracts/operator";
import type { ServerDeps } from "../../deps";
import { presentApiKey, presentUser } from "../accounts/accounts.presenter";
import { virtualNumberRoutes } from "../virtual-numbers/virtual-numbers.routes";
import { presentClientDetail, presentOperatorClient } from "./operator.presenter";
import { operatorRepository } from "./operator.repository";
import {
  createClient,
  createUserForClient,
  getClientDetail,
  issueApiKeyForClient,
  listApiKeysOfClient,
  listClients,
  operatorContextOf,
  reactivateClient,
  revokeApiKeyOfClient,
  suspendClient,
  updateClient,
} from "./operator.service";

const tags = ["operator"];
const config = { auth: { operator: true as const } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every call is logged, whatever its outcome (refusals included), before its answer leaves: an
 * answer never goes out without its line in the operators' log.
 */
async function recordCall(deps: ServerDeps, request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const params = request.params as { clientId?: unknown } | undefined;
  const clientId =
    typeof params?.clientId === "string" && UUID.test(params.clientId) ? params.clientId : null;
  let errorCode: string | null = null;
  if (reply.statusCode >= 400 && typeof payload === "string") {
    try {
      errorCode = (JSON.parse(payload) as { error?: { code?: string } }).error?.code ?? null;
    } catch {
      errorCode = null;
    }
  }
  await operatorRepository(deps.database.db).recordCall({
    operatorId: request.operator?.operatorId ?? "(refused)",
    method: request.method,
    route: request.routeOptions.url ?? request.url.split("?")[0]!.slice(0, 200),
    clientId,
    statusCode: reply.statusCode,
    errorCode,
    ip: request.ip,
    requestId: request.id,
  });
}

/** LinkoJob's back office: clients, their users and API keys. Operator credentials only. */
export const operatorRoutes: FastifyPluginAsyncZod<{ deps: ServerDeps }> = async (app, { deps }) => {
  app.addHook("onSend", async (request, reply, payload) => {
    await recordCall(deps, request, reply, payload);
    return payload;
  });
  // Inside this plugin: LinkoJob's own numbers share the operators' log hook above.
  await app.register(virtualNumberRoutes, { deps });
  const contextOf = (request: FastifyRequest) => operatorContextOf(deps, request);

  app.post(
    "/api/operator/clients",
    {
      schema: {
        tags,
        summary: "Create a client and its owner, usable at once (Idempotency-Key header supported)",
        body: OperatorCreateClientBody,
        headers: IdempotencyKeyHeaders,
        response: { 201: CreatedClientResponse },
      },
      config,
    },
    async (request, reply) => {
      const created = await createClient(
        contextOf(request),
        request.body,
        request.headers["idempotency-key"],
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    "/api/operator/clients",
    {
      schema: {
        tags,
        summary: "Clients, newest first: filters and cursor pagination",
        querystring: OperatorClientListQuery,
        response: { 200: OperatorClientPage },
      },
      config,
    },
    async (request) => {
      const page = await listClients(contextOf(request), request.query);
      return { clients: page.clients.map(presentOperatorClient), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/operator/clients/:clientId",
    {
      schema: {
        tags,
        summary: "A client with its numbers, usage (30 days) and state",
        params: ClientIdParams,
        response: { 200: OperatorClientDetail },
      },
      config,
    },
    async (request) =>
      presentClientDetail(await getClientDetail(contextOf(request), request.params.clientId)),
  );

  app.patch(
    "/api/operator/clients/:clientId",
    {
      schema: {
        tags,
        summary: "Change a client's name, country, LinkoJob id or single sign-on requirement",
        params: ClientIdParams,
        body: OperatorUpdateClientBody,
        response: { 200: OperatorClientDetail },
      },
      config,
    },
    async (request) =>
      presentClientDetail(await updateClient(contextOf(request), request.params.clientId, request.body)),
  );

  app.post(
    "/api/operator/clients/:clientId/suspend",
    {
      schema: {
        tags,
        summary: "Suspend a client: no sends, no logins, sessions and sockets cut; webhooks still stored",
        params: ClientIdParams,
        body: SuspendClientBody,
        response: { 200: OperatorClientDetail },
      },
      config,
    },
    async (request) =>
      presentClientDetail(
        await suspendClient(contextOf(request), request.params.clientId, request.body.reason),
      ),
  );

  app.post(
    "/api/operator/clients/:clientId/reactivate",
    {
      schema: {
        tags,
        summary: "Lift a client's suspension",
        params: ClientIdParams,
        response: { 200: OperatorClientDetail },
      },
      config,
    },
    async (request) =>
      presentClientDetail(await reactivateClient(contextOf(request), request.params.clientId)),
  );

  app.post(
    "/api/operator/clients/:clientId/users",
    {
      schema: {
        tags,
        summary:
          "Add a user to a client (without a password: single sign-on only; Idempotency-Key header supported)",
        params: ClientIdParams,
        body: OperatorCreateUserBody,
        headers: IdempotencyKeyHeaders,
        response: { 201: UserResponse },
      },
      config,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          presentUser(
            await createUserForClient(
              contextOf(request),
              request.params.clientId,
              request.body,
              request.headers["idempotency-key"],
            ),
          ),
        ),
  );

  app.get(
    "/api/operator/clients/:clientId/api-keys",
    {
      schema: {
        tags,
        summary: "A client's API keys (never their secrets)",
        params: ClientIdParams,
        response: { 200: OperatorApiKeyList },
      },
      config,
    },
    async (request) => ({
      apiKeys: (await listApiKeysOfClient(contextOf(request), request.params.clientId)).map(presentApiKey),
    }),
  );

  app.post(
    "/api/operator/clients/:clientId/api-keys",
    {
      schema: {
        tags,
        summary: "Issue an API key to a client; the secret is shown once",
        params: ClientIdParams,
        body: CreateApiKeyBody,
        response: { 201: CreatedApiKeyResponse },
      },
      config,
    },
    async (request, reply) => {
      const created = await issueApiKeyForClient(contextOf(request), request.params.clientId, request.body);
      return reply.status(201).send({ apiKey: presentApiKey(created.apiKey), secret: created.secret });
    },
  );

  app.delete(
    "/api/operator/clients/:clientId/api-keys/:keyId",
    {
      schema: {
        tags,
        summary: "Revoke a client's API key",
        params: ClientKeyParams,
        response: { 204: z.null() },
      },
      config,
    },
    async (request, reply) => {
      await revokeApiKeyOfClient(contextOf(request), request.params.clientId, request.params.keyId);
      return reply.status(204).send(null);
    },
  );
};
