import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../contracts/accounts";
import {
  Audience,
  AudienceQuery,
  CampaignDraft,
  CampaignEstimate,
  CampaignResponse,
  CampaignResults,
  CampaignSettings,
  ColumnMapping,
  CreateCampaignBody,
  FollowUpBody,
  FollowUpDraft,
  UpdateCampaignSettingsBody,
} from "../../../contracts/campaigns";
import { roleMay, USER_ROLES } from "../../../contracts/roles";
import { contextOf, type RouteAuth } from "../accounts/auth.hook";
import type { RequestContext } from "../context";
import {
  cancelCampaign,
  estimateFollowUp,
  followUpCampaign,
  pauseCampaign,
  resumeCampaign,
  retryFailedRecipients,
} from "./campaign-control.service";
import { campaignResults, campaignResultsCsv } from "./campaign-results.service";
import {
  campaignAudience,
  getCampaignSettings,
  saveColumnMapping,
  updateCampaignSettings,
} from "./campaign-settings.service";
import { presentCampaign } from "./campaigns.presenter";
import { createCampaign, estimateCampaign, getCampaign, listCampaigns } from "./campaigns.service";

const tags = ["campaigns"];
const send = { auth: { scope: "messages:send" as const } };
/**
 * A row with its values is about 220 bytes, so the largest campaign (MAX_CAMPAIGN_RECIPIENTS,
 * 50,000 rows) is about 11 MB, with room for long values: far above Fastify's default 1 MiB.
 */
const CAMPAIGN_BODY_LIMIT = 32 * 1024 * 1024;
const read = { auth: { scope: "conversations:read" as const } };
const SETTINGS: RouteAuth = {
  scope: "messages:send",
  roles: USER_ROLES.filter((role) => roleMay(role, "campaigns.settings")),
};

/** The campaign as it now stands, with its progress and funnel. */
async function presented(ctx: RequestContext, id: string) {
  const details = await getCampaign(ctx, id);
  return presentCampaign(details.campaign, details);
}

/** A campaign's state changed by `change`; answers the campaign as it now stands. */
async function changed(
  ctx: RequestContext,
  id: string,
  change: (ctx: RequestContext, id: string) => Promise<void>,
) {
  await change(ctx, id);
  return presented(ctx, id);
}

export const campaignsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/api/campaigns/estimate",
    {
      schema: {
        tags,
        summary: "Who a bulk send reaches, who is left out and why, and its cost",
        body: CampaignDraft,
        response: { 200: CampaignEstimate },
      },
      bodyLimit: CAMPAIGN_BODY_LIMIT,
      config: send,
    },
    async (request) => estimateCampaign(contextOf(request), request.body),
  );

  app.post(
    "/api/campaigns",
    {
      schema: {
        tags,
        summary: "Send a template to many candidates through the normal pipeline",
        body: CreateCampaignBody,
        response: { 201: CampaignResponse },
      },
      bodyLimit: CAMPAIGN_BODY_LIMIT,
      config: send,
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const campaign = await createCampaign(ctx, request.body);
      return reply.status(201).send(await presented(ctx, campaign.id));
    },
  );

  app.get(
    "/api/campaigns/settings",
    {
      schema: {
        tags,
        summary: "The client's time zone, campaign chats in the inbox, the last column mapping",
        response: { 200: CampaignSettings },
      },
      config: read,
    },
    async (request) => getCampaignSettings(contextOf(request)),
  );

  app.patch(
    "/api/campaigns/settings",
    {
      schema: {
        tags,
        summary: "Change the client's time zone or whether unanswered campaign chats stay out of All",
        body: UpdateCampaignSettingsBody,
        response: { 200: CampaignSettings },
      },
      config: { auth: SETTINGS },
    },
    async (request) => updateCampaignSettings(contextOf(request), request.body),
  );

  app.put(
    "/api/campaigns/column-mapping",
    {
      schema: {
        tags,
        summary: "Keep a file's column mapping for the next campaign",
        body: ColumnMapping,
        response: { 200: CampaignSettings },
      },
      config: send,
    },
    async (request) => saveColumnMapping(contextOf(request), request.body),
  );

  app.get(
    "/api/campaigns/audience",
    {
      schema: {
        tags,
        summary: "Candidates already in the inbox (a filter, a campaign's chats) as recipients",
        querystring: AudienceQuery,
        response: { 200: Audience },
      },
      config: read,
    },
    async (request) => campaignAudience(contextOf(request), request.query),
  );

  const actions = [
    ["pause", pauseCampaign, "Stop creating its messages after the round in progress"],
    ["resume", resumeCampaign, "Go on from the first candidate not sent"],
    ["cancel", cancelCampaign, "Leave the candidates not sent yet unsent (a scheduled one never starts)"],
    ["retry-failed", retryFailedRecipients, "Send again to every candidate whose message failed"],
  ] as const;
  for (const [action, change, summary] of actions) {
    app.post(
      `/api/campaigns/:id/${action}`,
      { schema: { tags, summary, params: IdParams, response: { 200: CampaignResponse } }, config: send },
      async (request) => changed(contextOf(request), request.params.id, change),
    );
  }

  app.post(
    "/api/campaigns/:id/follow-up",
    {
      schema: {
        tags,
        summary: "Send another template to the candidates reached who never replied",
        params: IdParams,
        body: FollowUpBody,
        response: { 201: CampaignResponse },
      },
      config: send,
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const campaign = await followUpCampaign(ctx, request.params.id, request.body);
      return reply.status(201).send(await presented(ctx, campaign.id));
    },
  );

  app.post(
    "/api/campaigns/:id/follow-up/estimate",
    {
      schema: {
        tags,
        summary: "Whom a follow-up would reach (the non-responders), who is left out, and its cost",
        params: IdParams,
        body: FollowUpDraft,
        response: { 200: CampaignEstimate },
      },
      config: send,
    },
    async (request) => estimateFollowUp(contextOf(request), request.params.id, request.body),
  );

  app.get(
    "/api/campaigns/:id/recipients",
    {
      schema: {
        tags,
        summary: "Every candidate of a campaign and how far their message went",
        params: IdParams,
        response: { 200: CampaignResults },
      },
      config: read,
    },
    async (request) => {
      const { recipients } = await campaignResults(contextOf(request), request.params.id);
      return { recipients };
    },
  );

  app.get(
    "/api/campaigns/:id/results.csv",
    {
      schema: {
        tags,
        summary: "The per-candidate results as a CSV file",
        params: IdParams,
        produces: ["text/csv"],
      },
      config: read,
    },
    async (request, reply) => {
      const { campaign, csv } = await campaignResultsCsv(contextOf(request), request.params.id);
      const file = `${campaign.name.replace(/[^\p{L}\p{N}_-]+/gu, "_").slice(0, 60) || "campaign"}.csv`;
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file)}`)
        .send(csv);
    },
  );

  app.get(
    "/api/campaigns",
    {
      schema: {
        tags,
        summary: "Recent bulk sends",
        response: { 200: z.object({ campaigns: z.array(CampaignResponse) }) },
      },
      config: read,
    },
    async (request) => {
      const ctx = contextOf(request);
      const campaigns = await listCampaigns(ctx);
      return { campaigns: campaigns.map((detailed) => presentCampaign(detailed.campaign, detailed)) };
    },
  );

  app.get(
    "/api/campaigns/:id",
    {
      schema: {
        tags,
        summary: "A bulk send's live progress and failures",
        params: IdParams,
        response: { 200: CampaignResponse },
      },
      config: read,
    },
    async (request) => {
      return presented(contextOf(request), request.params.id);
    },
  );
};
