import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ServerDeps } from "../../../deps";
import { SESSION_COOKIE } from "../auth.hook";
import { sessionCookieOptions } from "../auth.service";
import { signOnFromLinkoJob } from "./sso.service";
import { pageLanguage, refusalPage } from "./sso-page";
import { SsoTokenError } from "./sso-token";

/**
 * `GET /sso/linkojob?token=…`: LinkoJob opens it in a new tab or an iframe. A good token opens a
 * session and lands in the inbox; any other answers a page saying why, in the browser's language.
 * The token never reaches a log line (the `token` query parameter is redacted).
 */
export const ssoRoutes: FastifyPluginAsyncZod<{ deps: ServerDeps }> = async (app, { deps }) => {
  app.get("/sso/linkojob", { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const token = typeof query.token === "string" ? query.token : undefined;
    try {
      const session = await signOnFromLinkoJob(deps, token, {
        ip: request.ip,
        userAgent: request.headers["user-agent"],
        requestId: request.id,
      });
      void reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(deps.config));
      // The link must not stay in the browser's history or be sent on as a Referer.
      void reply.header("referrer-policy", "no-referrer").header("cache-control", "no-store");
      return reply.redirect("/inbox", 303);
    } catch (error) {
      if (!(error instanceof SsoTokenError)) throw error;
      const page = refusalPage(error.reason, pageLanguage(request.headers["accept-language"]));
      request.log.info({ reason: error.reason, detail: error.message }, "single sign-on refused");
      return reply
        .status(page.status)
        .header("cache-control", "no-store")
        .header("referrer-policy", "no-referrer")
        .type("text/html; charset=utf-8")
        .send(page.html);
    }
  });
};
