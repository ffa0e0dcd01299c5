import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  ChangePasswordBody,
  LoginBody,
  SessionResponse,
  UpdateMeBody,
  UserResponse,
} from "../../../contracts/accounts";
import type { ServerDeps } from "../../deps";
import { notFound } from "../../platform/errors";
import { presentClientSummary, presentUser } from "./accounts.presenter";
import { contextOf, SESSION_COOKIE } from "./auth.hook";
import { login, logout, sessionCookieOptions } from "./auth.service";
import { changeOwnPassword, getMe, updateMe } from "./users.service";

const tags = ["auth"];

export const authRoutes: FastifyPluginAsyncZod<{ deps: ServerDeps }> = async (app, { deps }) => {
  const { config } = deps;

  app.post(
    "/api/auth/login",
    {
      schema: {
        tags,
        summary: "Log in with e-mail and password",
        body: LoginBody,
        response: { 200: SessionResponse },
      },
      // Failed logins are throttled by the service (`login-throttle.ts`): only failures count.
      config: { auth: { public: true } },
    },
    async (request, reply) => {
      const result = await login(deps, request.body, {
        ip: request.ip,
        userAgent: request.headers["user-agent"],
        requestId: request.id,
      });
      void reply.setCookie(SESSION_COOKIE, result.token, sessionCookieOptions(config));
      return {
        user: presentUser(result.user),
        client: presentClientSummary(result.client),
        csrfToken: result.csrfToken,
      };
    },
  );

  app.post(
    "/api/auth/logout",
    { schema: { tags, summary: "End the current session", response: { 204: z.null() } } },
    async (request, reply) => {
      const ctx = contextOf(request);
      if (ctx.actor.type === "user") await logout(deps, ctx.actor.sessionId);
      const { maxAge: _, ...cookie } = sessionCookieOptions(config);
      void reply.clearCookie(SESSION_COOKIE, cookie);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/auth/session",
    {
      schema: {
        tags,
        summary: "The logged-in user, client and CSRF token",
        response: { 200: SessionResponse },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const user = await getMe(ctx);
      const client = await ctx.repos.clients.findById(ctx.clientId);
      if (!client || ctx.actor.type !== "user") throw notFound("Session");
      return {
        user: presentUser(user),
        client: presentClientSummary(client),
        csrfToken: ctx.actor.csrfToken,
      };
    },
  );

  app.post(
    "/api/auth/password",
    {
      schema: {
        tags,
        summary: "Change my password (other sessions end)",
        body: ChangePasswordBody,
        response: { 204: z.null() },
      },
      config: { rateLimit: { max: config.auth.loginLimitPer15Min, timeWindow: 15 * 60_000 } },
    },
    async (request, reply) => {
      await changeOwnPassword(contextOf(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    "/api/auth/me",
    {
      schema: {
        tags,
        summary: "Update my name, language, or whether I take new conversations",
        body: UpdateMeBody,
        response: { 200: UserResponse },
      },
    },
    async (request) => presentUser(await updateMe(contextOf(request), request.body)),
  );
};
