import { notFound } from "../../platform/errors";
import type { RequestContext } from "../context";

/** The client's profile with its WhatsApp connections; another client's id is not found. */
export async function getClient(ctx: RequestContext, id: string) {
  const client = await ctx.repos.clients.findById(id);
  if (!client) throw notFound("Client");
  const connections = await ctx.repos.connections.list();
  return { client, connections };
}
