import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IdParams } from "../../../contracts/accounts";
import {
  CompleteSignupBody,
  CompleteSignupResponse,
  ConnectionListResponse,
  ConnectionResponse,
  DisconnectBody,
  InitiateSignupResponse,
  RetryConnectionBody,
  SignupCallbackQuery,
  SignupConfigResponse,
} from "../../../contracts/connections";
import { AppError } from "../../platform/errors";
import { contextOf } from "../accounts/auth.hook";
import { checkConnectionHealth } from "./connection-health.service";
import { presentConnection } from "./connections.presenter";
import { disconnectConnection, getConnection, listConnections, retryOnboarding } from "./connections.service";
import { completeSignup, completeSignupRedirect, initiateSignup, signupConfig } from "./signup.service";

const tags = ["connections"];

export const connectionsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/auth/whatsapp/config",
    {
      schema: {
        tags,
        summary: "How this deployment runs Embedded Signup (sandbox simulator or Meta)",
        response: { 200: SignupConfigResponse },
      },
    },
    async (request) => signupConfig(contextOf(request).deps.config),
  );

  app.post(
    "/api/auth/whatsapp/initiate",
    {
      schema: {
        tags,
        summary: "Start Embedded Signup: SDK settings and the OAuth URL with a session-bound state",
        response: { 200: InitiateSignupResponse },
      },
    },
    async (request) => initiateSignup(contextOf(request)),
  );

  app.post(
    "/api/auth/whatsapp/complete",
    {
      schema: {
        tags,
        summary: "Finish the JS SDK flow: the code and the WA_EMBEDDED_SIGNUP session data",
        body: CompleteSignupBody,
        response: { 202: CompleteSignupResponse },
      },
    },
    async (request, reply) => {
      const result = await completeSignup(contextOf(request), request.body);
      return reply
        .status(202)
        .send({ ...result, connection: result.connection && presentConnection(result.connection) });
    },
  );

  app.get(
    "/api/auth/whatsapp/callback",
    {
      schema: {
        tags,
        summary: "OAuth redirect target: checks state, exchanges the code, starts onboarding",
        querystring: SignupCallbackQuery,
      },
    },
    async (request, reply) => {
      const query = request.query;
      if (query.error) {
        const reason = query.error_description ?? query.error_reason ?? query.error;
        return reply.redirect(`/connections?signup_error=${encodeURIComponent(reason)}`);
      }
      try {
        const row = await completeSignupRedirect(contextOf(request), query);
        return reply.redirect(`/connections?connection=${row.id}`);
      } catch (error) {
        if (error instanceof AppError && error.statusCode < 500) {
          return reply.redirect(`/connections?signup_error=${encodeURIComponent(error.message)}`);
        }
        throw error;
      }
    },
  );

  app.delete(
    "/api/auth/whatsapp/disconnect",
    {
      schema: {
        tags,
        summary: "Disconnect a number: deregister, unsubscribe, keep history",
        body: DisconnectBody,
        response: { 200: ConnectionResponse },
      },
    },
    async (request) =>
      presentConnection(await disconnectConnection(contextOf(request), request.body.connectionId)),
  );

  app.get(
    "/api/connections",
    {
      schema: {
        tags,
        summary: "The client's WhatsApp connections with their health",
        response: { 200: ConnectionListResponse },
      },
      config: { auth: { scope: "clients:read" } },
    },
    async (request) => ({ connections: (await listConnections(contextOf(request))).map(presentConnection) }),
  );

  app.get(
    "/api/connections/:id",
    {
      schema: {
        tags,
        summary: "One connection with its onboarding steps",
        params: IdParams,
        response: { 200: ConnectionResponse },
      },
      config: { auth: { scope: "clients:read" } },
    },
    async (request) => presentConnection(await getConnection(contextOf(request), request.params.id)),
  );

  app.post(
    "/api/connections/:id/retry",
    {
      schema: {
        tags,
        summary: "Resume a failed onboarding where it stopped (optionally with the number's PIN)",
        params: IdParams,
        body: RetryConnectionBody,
        response: { 202: ConnectionResponse },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          presentConnection(await retryOnboarding(contextOf(request), request.params.id, request.body.pin)),
        ),
  );

  app.post(
    "/api/connections/:id/check",
    {
      schema: {
        tags,
        summary: "Check the token and the number's health now",
        params: IdParams,
        response: { 200: ConnectionResponse },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const row = await getConnection(ctx, request.params.id);
      return presentConnection((await checkConnectionHealth(ctx.deps, ctx.clientId, row.id)) ?? row);
    },
  );
};
