import type { FastifyRequest } from "fastify";
import { graphVersionStanding } from "../../contracts/graph-versions";
import { MetaError } from "../errors";

/** Graph reads parameters from the query string and the body alike; the body wins. */
export function graphParams(req: FastifyRequest): Record<string, unknown> {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const body = req.body && typeof req.body === "object" && !Buffer.isBuffer(req.body) ? req.body : {};
  return { ...query, ...(body as Record<string, unknown>) };
}

/**
 * The version a call is served as, as Meta does: a usable version as itself, an expired one as the
 * oldest still usable ("defaulted to the next oldest usable version"); a version Meta never released
 * is not a Graph path.
 */
export function servedVersion(version: string, path: string, on = new Date()): string {
  const standing = graphVersionStanding(version, on);
  if (standing.kind === "usable") return version;
  if (standing.kind === "expired") return standing.servedAs;
  throw new MetaError(2500, { message: `Unknown path components: ${path}`, withoutErrorData: true });
}
