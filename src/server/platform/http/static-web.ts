import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { ErrorCode } from "../../../contracts/errors";
import { AppError } from "../errors";
import { sendAppError } from "./error-handler";

export const webDistDir = resolve(import.meta.dirname, "../../../../dist/web");

/** Serves the built dashboard at `/` when it has been built (`npm run build:web`). */
export async function registerStaticWeb(app: FastifyInstance): Promise<boolean> {
  if (!existsSync(join(webDistDir, "index.html"))) return false;
  // Wildcard: files are looked up per request, so a rebuilt dashboard is served without a restart.
  await app.register(fastifyStatic, { root: webDistDir, wildcard: true, index: ["index.html"] });
  return true;
}

/**
 * Unknown GET pages get the dashboard's index.html, so client-side routes survive a reload;
 * API, webhook and simulator paths keep a JSON 404.
 */
export function registerNotFound(app: FastifyInstance, hasWeb: boolean): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    const isPage =
      hasWeb &&
      request.method === "GET" &&
      !/^\/(api|simulator|webhook)(\/|$)/.test(path) &&
      !path.includes(".");
    if (isPage) return reply.type("text/html").sendFile("index.html");
    return sendAppError(reply, new AppError(ErrorCode.notFound, `No route ${request.method} ${path}`));
  });
}
