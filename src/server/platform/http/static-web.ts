import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { ErrorCode } from "../../../contracts/errors";
import { AppError } from "../errors";
import { packageRoot } from "../paths";
import { sendAppError } from "./error-handler";

/** The built dashboard (`npm run build:web`), found the same way from the sources and from the build. */
export const webDistDir = join(packageRoot(), "dist/web");

/** Files whose name carries a hash of their content (`assets/index-Ce8Qkeat.js`): never change. */
const FINGERPRINTED = /[\\/]assets[\\/]/;

/**
 * Serves the built dashboard at `/` when it has been built (`npm run build:web`): the build's
 * `.br` / `.gz` twins to browsers that accept them, fingerprinted assets cached for a year, and
 * everything else (index.html) revalidated, so a new build reaches every tab on its next load.
 */
export async function registerStaticWeb(app: FastifyInstance, root = webDistDir): Promise<boolean> {
  if (!existsSync(join(root, "index.html"))) return false;
  // Wildcard: files are looked up per request, so a rebuilt dashboard is served without a restart.
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    index: ["index.html"],
    preCompressed: true,
    cacheControl: false,
    setHeaders(res, path) {
      res.setHeader(
        "cache-control",
        FINGERPRINTED.test(path) ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
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
