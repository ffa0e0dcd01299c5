import { readBrief } from "../../brief-reads";
import type { ConnectionRow } from "../../connections/connections.repository";
import type { RequestContext } from "../../context";
import type { TemplateRow } from "../../templates/templates.repository";

/**
 * What every send reads and rarely changes, from this process's last second (`briefReads`, whose
 * comment says why a second is safe). Shared rows: read them, never change them.
 */

/** The client's number by id (undefined: not the client's). */
export function connectionById(ctx: RequestContext, id: string): Promise<ConnectionRow | undefined> {
  return readBrief(ctx, ["connection", id], () => ctx.repos.connections.findById(id));
}

/** The number's template of this name and language, whatever its status. */
export function templateOnNumber(
  ctx: RequestContext,
  connectionId: string,
  name: string,
  language: string,
): Promise<TemplateRow | undefined> {
  return readBrief(ctx, ["template", connectionId, name, language], () =>
    ctx.repos.templates.find(connectionId, name, language),
  );
}

/** The country a number written without its prefix belongs to. */
export function defaultCountryOf(ctx: RequestContext): Promise<string> {
  return readBrief(
    ctx,
    ["default-country"],
    async () => (await ctx.repos.clients.findById(ctx.clientId))?.defaultCountry ?? "MA",
  );
}
