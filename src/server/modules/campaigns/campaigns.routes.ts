import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../contracts/accounts";
import {
  CampaignDraft,
  CampaignEstimate,
  CampaignResponse,
  CreateCampaignBody,
} from "../../../contracts/campaigns";
import { contextOf } from "../accounts/auth.hook";
import { presentCampaign } from "./campaigns.presenter";
import { createCampaign, estimateCampaign, getCampaign, listCampaigns } from "./campaigns.service";

const tags = ["campaigns"];
const send = { auth: { scope: "messages:send" as const } };
/** 5,000 rows with their values are about 1.1 MB: above Fastify's default 1 MiB. */
const CAMPAIGN_BODY_LIMIT = 4 * 1024 * 1024;
const read = { auth: { scope: "conversations:read" as const } };

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
      const details = await getCampaign(ctx, campaign.id);
      return reply.status(201).send(presentCampaign(details.campaign, details));
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
      const details = await getCampaign(contextOf(request), request.params.id);
      return presentCampaign(details.campaign, details);
    },
  );
};
