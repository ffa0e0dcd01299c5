import type { FastifyInstance, FastifyReply } from "fastify";
import type { SimContext } from "../context";
import { DEMO_LOGIN_SCRIPT, demoLoginPage } from "./demo-login.html";
import { EMBEDDED_SIGNUP_SCRIPT } from "./embedded-signup-script";
import { indexPage } from "./index.html";
import { phonePage } from "./phone.html";
import { PHONE_SCRIPT } from "./phone-script";
import { SDK_SCRIPT } from "./sdk-script";

/** Browser-facing pages: the SDK stand-in, the candidate phone, the playground and an index. */
export function pagesRoutes(ctx: SimContext) {
  return async (app: FastifyInstance) => {
    app.get("/sdk.js", async (_req, reply) =>
      reply
        .type("application/javascript; charset=utf-8")
        .header("cache-control", "no-cache")
        .send(SDK_SCRIPT),
    );
    const script = (body: string) => async (_req: unknown, reply: FastifyReply) =>
      reply.type("application/javascript; charset=utf-8").header("cache-control", "no-cache").send(body);
    app.get("/assets/embedded-signup.js", script(EMBEDDED_SIGNUP_SCRIPT));
    app.get("/assets/phone.js", script(PHONE_SCRIPT));
    app.get("/assets/demo-login.js", script(DEMO_LOGIN_SCRIPT));
    app.get("/demo/login", async (_req, reply) =>
      reply.type("text/html; charset=utf-8").send(demoLoginPage(ctx.options.appId)),
    );
    app.get("/phone", async (_req, reply) => reply.type("text/html; charset=utf-8").send(phonePage()));
    app.get("/", async (_req, reply) => reply.type("text/html; charset=utf-8").send(indexPage(ctx)));
  };
}
