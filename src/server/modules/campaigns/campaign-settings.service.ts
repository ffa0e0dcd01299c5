import type { z } from "zod";
import type {
  AudienceQuery,
  CampaignSettings,
  ColumnMapping,
  UpdateCampaignSettingsBody,
} from "../../../contracts/campaigns";
import { DEFAULT_TIME_ZONE, isTimeZone } from "../../../contracts/time-zone";
import { notFound, validationFailed } from "../../platform/errors";
import { recordAudit } from "../audit/audit.service";
import type { RequestContext } from "../context";

/** A campaign takes at most this many recipients (the draft contract's limit). */
const MAX_AUDIENCE = 5000;

async function settingsOf(ctx: RequestContext): Promise<CampaignSettings> {
  const client = await ctx.repos.clients.findById(ctx.clientId);
  if (!client) throw notFound("Client");
  return {
    timeZone: client.timeZone ?? DEFAULT_TIME_ZONE,
    hideUnansweredCampaignChats: client.hideUnansweredCampaignChats,
    columnMapping: client.campaignColumnMapping ?? [],
  };
}

/** The client's campaign settings: its time zone, the inbox's "All", the last column mapping. */
export const getCampaignSettings = settingsOf;

/** Changes the time zone or the inbox setting (owners and admins: they apply to the whole team). */
export async function updateCampaignSettings(
  ctx: RequestContext,
  body: z.infer<typeof UpdateCampaignSettingsBody>,
): Promise<CampaignSettings> {
  if (body.timeZone !== undefined && !isTimeZone(body.timeZone))
    throw validationFailed("body.timeZone", "is not a time zone (Africa/Casablanca, Europe/Paris…)");
  if (body.timeZone === undefined && body.hideUnansweredCampaignChats === undefined)
    throw validationFailed("body", "set timeZone or hideUnansweredCampaignChats");
  await ctx.repos.clients.update(body);
  await recordAudit(ctx, "campaign_settings.updated", { type: "client", id: ctx.clientId }, body);
  return settingsOf(ctx);
}

/** Keeps the mapping of the last file, so the next file with the same headers is mapped at once. */
export async function saveColumnMapping(
  ctx: RequestContext,
  mapping: ColumnMapping,
): Promise<CampaignSettings> {
  const targets = mapping.columns.map((entry) => entry.target);
  if (new Set(targets).size !== targets.length)
    throw validationFailed("body.columns", "each target (phone, name, variable) appears once");
  for (const [index, entry] of mapping.columns.entries()) {
    if ((entry.header === undefined) === (entry.text === undefined))
      throw validationFailed(`body.columns.${index}`, "give either a header or a text");
  }
  await ctx.repos.clients.update({ campaignColumnMapping: mapping.columns });
  return settingsOf(ctx);
}

/** Candidates already in the inbox, as campaign recipients: a filter, a campaign's chats, or all. */
export async function campaignAudience(ctx: RequestContext, query: z.infer<typeof AudienceQuery>) {
  if (!(await ctx.repos.connections.findById(query.connectionId))) throw notFound("Connection");
  if (query.campaignId && !(await ctx.repos.campaigns.findById(query.campaignId))) throw notFound("Campaign");
  const rows = await ctx.repos.conversations.list({
    connectionId: query.connectionId,
    filter: query.filter,
    campaignId: query.campaignId,
    userId: ctx.actor.type === "user" ? ctx.actor.userId : undefined,
    limit: MAX_AUDIENCE,
  });
  return {
    recipients: rows.flatMap((row) => {
      const phone = row.contact.phone ?? (row.contact.waId ? `+${row.contact.waId}` : null);
      return phone ? [{ phone, name: row.contact.name ?? row.contact.profileName ?? null }] : [];
    }),
  };
}
