import type { FastifyInstance } from "fastify";
import type { SimContext } from "../context";
import { demoLoginPage } from "./demo-login.html";
import { indexPage } from "./index.html";
import { phonePage } from "./phone.html";
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
    app.get("/demo/login", async (_req, reply) =>
      reply.type("text/html; charset=utf-8").send(demoLoginPage(ctx.options.appId)),
    );
    app.get("/phone", async (_req, reply) => reply.type("text/html; charset=utf-8").send(phonePage()));
    app.get("/", async (_req, reply) => reply.type("text/html; charset=utf-8").send(indexPage(ctx)));
  };
}
