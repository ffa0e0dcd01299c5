import type { FastifyRequest } from "fastify";
import { MetaError } from "../errors";

/** Graph reads parameters from the query string and the body alike; the body wins. */
export function graphParams(req: FastifyRequest): Record<string, unknown> {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const body = req.body && typeof req.body === "object" && !Buffer.isBuffer(req.body) ? req.body : {};
  return { ...query, ...(body as Record<string, unknown>) };
}

/** Any `vNN.0` works (the product pins one); anything else is not a Graph path. */
export function checkVersion(version: string, path: string): void {
  if (!/^v\d{1,2}\.\d$/.test(version)) {
    throw new MetaError(2500, { message: `Unknown path components: ${path}`, withoutErrorData: true });
  }
}

/** Major version number, e.g. 23 for `v23.0` (status webhooks differ from v24 on). */
export function majorVersion(version: string): number {
  return Number.parseInt(version.slice(1), 10);
}
