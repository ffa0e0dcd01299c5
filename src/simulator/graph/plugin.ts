import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { SimContext } from "../context";
import { buildErrorBody, MetaError } from "../errors";
import { checkAppSecretProof } from "./auth";
import { registerBusinessRoutes } from "./business.routes";
import { CallLimits } from "./call-limits";
import { registerMediaRoutes, registerUploadRoutes } from "./media.routes";
import { registerMessageRoutes } from "./messages.routes";
import { registerNumberRoutes } from "./numbers.routes";
import { oauthRoutes } from "./oauth.routes";
import { servedVersion } from "./params";
import { SendLimits } from "./rate-limits";
import { GraphRegistry, resolveNode } from "./registry";
import { registerTemplateRoutes } from "./templates.routes";

const HANG_LIMIT_MS = 120_000;

/** Replaces a parser in this plugin's context only (Fastify copies parsers into child contexts). */
function setParser(
  app: FastifyInstance,
  type: string,
  parseAs: "string" | "buffer",
  parse: (body: string | Buffer) => unknown,
): void {
  if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
  app.addContentTypeParser(type, { parseAs, bodyLimit: 110 * 1024 * 1024 }, (_req, body, done) => {
    try {
      done(null, parse(body));
    } catch {
      done(new MetaError(100, { details: "The request body could not be parsed." }), undefined);
    }
  });
}

/** Graph accepts form fields whose values are JSON (components=[...]); decode those. */
function parseForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const looksJson = /^[[{]/.test(value.trim());
    out[key] = looksJson ? JSON.parse(value) : value;
  }
  return out;
}

/** While an outage is on, Graph either answers 5xx or holds the request (the client times out). */
async function outageGate(ctx: SimContext, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const started = Date.now();
  while (ctx.faults.outage.mode === "timeout" && Date.now() - started < HANG_LIMIT_MS && !req.raw.destroyed) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (ctx.faults.outage.mode === "off" && Date.now() - started < 50) return;
  if (ctx.faults.outage.mode === "off" && !req.raw.destroyed) {
    // The caller waited through the outage; it gets a transient error rather than a late success.
    await reply.code(503).send(buildErrorBody(2));
    return;
  }
  const code = ctx.faults.outage.code;
  const error = new MetaError(code);
  await reply.code(error.status >= 500 ? error.status : 503).send(error.toBody());
}

/**
 * The Graph API subset, mounted at `/simulator/graph`: the versions Meta serves (an expired one
 * answered as the oldest usable, as Meta does), Meta's error envelope.
 */
export function graphPlugin(ctx: SimContext) {
  return async (app: FastifyInstance) => {
    const registry = new GraphRegistry();
    const limits = new SendLimits(ctx);
    const callLimits = new CallLimits(ctx);
    registerNumberRoutes(registry, ctx);
    registerMessageRoutes(registry, ctx, limits);
    registerMediaRoutes(registry, ctx);
    registerUploadRoutes(registry, ctx);
    registerTemplateRoutes(registry, ctx);
    registerBusinessRoutes(registry, ctx);
    ctx.resetLimits = () => {
      limits.reset();
      callLimits.reset();
    };

    setParser(app, "application/json", "string", (body) =>
      String(body).trim() ? JSON.parse(String(body)) : {},
    );
    setParser(app, "application/x-www-form-urlencoded", "string", (body) => parseForm(String(body)));
    setParser(app, "multipart/form-data", "buffer", (body) => body);
    // The bytes of a resumable upload, whatever their type.
    setParser(app, "*", "buffer", (body) => body);

    app.addHook("onRequest", async (req, reply) => {
      if (ctx.faults.outage.mode !== "off") await outageGate(ctx, req, reply);
    });
    app.setErrorHandler((err, _req, reply) => {
      if (err instanceof MetaError) return reply.code(err.status).send(err.toBody());
      const status = (err as { statusCode?: number }).statusCode ?? 500;
      const details = err instanceof Error ? err.message : "Invalid request";
      if (status < 500) return reply.code(400).send(buildErrorBody(100, { details }));
      return reply.code(500).send(buildErrorBody(1, { message: "An unknown error has occurred." }));
    });
    app.setNotFoundHandler((req, reply) => {
      reply.code(400).send(
        buildErrorBody(2500, {
          message: `Unknown path components: ${req.url.split("?")[0]}`,
          withoutErrorData: true,
        }),
      );
    });

    await oauthRoutes(app, ctx);
    const dispatch = (edge: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
      const params = req.params as { version: string; id: string; edge?: string };
      const version = servedVersion(params.version, req.url.split("?")[0] ?? "");
      checkAppSecretProof(ctx, req);
      const node = resolveNode(ctx, params.id);
      callLimits.take(reply, node?.kind === "waba" ? node.id : null);
      return registry.dispatch(ctx, {
        req,
        reply,
        id: params.id,
        edge: edge ? (params.edge ?? null) : null,
        version,
      });
    };
    app.route({ method: ["GET", "POST", "DELETE"], url: "/:version/:id", handler: dispatch(false) });
    app.route({ method: ["GET", "POST", "DELETE"], url: "/:version/:id/:edge", handler: dispatch(true) });
  };
}
