import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParams } from "../../../contracts/accounts";
import {
  CreatedWebhookEndpointResponse,
  CreateWebhookEndpointBody,
  ReplayResponse,
  RotatedWebhookSecretResponse,
  RotateWebhookSecretBody,
  UpdateWebhookEndpointBody,
  WebhookDeliveryDetailResponse,
  WebhookDeliveryListQuery,
  WebhookDeliveryPage,
  WebhookDeliveryParams,
  WebhookEndpointListResponse,
  WebhookEndpointResponse,
} from "../../../contracts/outbound-webhooks";
import { roleMay, USER_ROLES } from "../../../contracts/roles";
import { contextOf, type RouteAuth } from "../accounts/auth.hook";
import { presentAttempt, presentDelivery, presentEndpoint } from "./endpoints.presenter";
import {
  createEndpoint,
  deleteEndpoint,
  getDelivery,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  replayDelivery,
  replayFailed,
  rotateSecret,
  updateEndpoint,
} from "./endpoints.service";

const tags = ["webhook-endpoints"];

/** Owners and admins (the shared role matrix), or API keys with `webhooks:manage`. */
const MANAGE: { auth: RouteAuth } = {
  auth: { scope: "webhooks:manage", roles: USER_ROLES.filter((role) => roleMay(role, "webhooks.manage")) },
};

export const webhookEndpointsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/webhook-endpoints",
    {
      schema: {
        tags,
        summary: "The client's webhook endpoints",
        response: { 200: WebhookEndpointListResponse },
      },
      config: MANAGE,
    },
    async (request) => ({ endpoints: (await listEndpoints(contextOf(request))).map(presentEndpoint) }),
  );

  app.post(
    "/api/webhook-endpoints",
    {
      schema: {
        tags,
        summary: "Register an endpoint for some events; its signing secret is shown once",
        body: CreateWebhookEndpointBody,
        response: { 201: CreatedWebhookEndpointResponse },
      },
      config: MANAGE,
    },
    async (request, reply) => {
      const created = await createEndpoint(contextOf(request), request.body);
      return reply.status(201).send({ endpoint: presentEndpoint(created.endpoint), secret: created.secret });
    },
  );

  app.get(
    "/api/webhook-endpoints/:id",
    {
      schema: {
        tags,
        summary: "One webhook endpoint",
        params: IdParams,
        response: { 200: WebhookEndpointResponse },
      },
      config: MANAGE,
    },
    async (request) => presentEndpoint(await getEndpoint(contextOf(request), request.params.id)),
  );

  app.patch(
    "/api/webhook-endpoints/:id",
    {
      schema: {
        tags,
        summary: "Change an endpoint's URL, events or description, disable or enable it",
        params: IdParams,
        body: UpdateWebhookEndpointBody,
        response: { 200: WebhookEndpointResponse },
      },
      config: MANAGE,
    },
    async (request) =>
      presentEndpoint(await updateEndpoint(contextOf(request), request.params.id, request.body)),
  );

  app.delete(
    "/api/webhook-endpoints/:id",
    {
      schema: {
        tags,
        summary: "Remove an endpoint and its delivery log",
        params: IdParams,
        response: { 204: z.null() },
      },
      config: MANAGE,
    },
    async (request, reply) => {
      await deleteEndpoint(contextOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/webhook-endpoints/:id/rotate-secret",
    {
      schema: {
        tags,
        summary: "A new signing secret, shown once; the old one also signs during the overlap",
        params: IdParams,
        body: RotateWebhookSecretBody,
        response: { 200: RotatedWebhookSecretResponse },
      },
      config: MANAGE,
    },
    async (request) => {
      const rotated = await rotateSecret(contextOf(request), request.params.id, request.body.overlapHours);
      return { endpoint: presentEndpoint(rotated.endpoint), secret: rotated.secret };
    },
  );

  app.get(
    "/api/webhook-endpoints/:id/deliveries",
    {
      schema: {
        tags,
        summary: "An endpoint's delivery log, newest first",
        params: IdParams,
        querystring: WebhookDeliveryListQuery,
        response: { 200: WebhookDeliveryPage },
      },
      config: MANAGE,
    },
    async (request) => {
      const page = await listDeliveries(contextOf(request), request.params.id, request.query);
      return { deliveries: page.deliveries.map(presentDelivery), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/api/webhook-endpoints/:id/deliveries/:deliveryId",
    {
      schema: {
        tags,
        summary: "One delivery: the request sent and each attempt's answer",
        params: WebhookDeliveryParams,
        response: { 200: WebhookDeliveryDetailResponse },
      },
      config: MANAGE,
    },
    async (request) => {
      const found = await getDelivery(contextOf(request), request.params.id, request.params.deliveryId);
      return {
        delivery: presentDelivery(found.delivery),
        requestBody: found.body,
        attempts: found.attempts.map(presentAttempt),
      };
    },
  );

  app.post(
    "/api/webhook-endpoints/:id/deliveries/:deliveryId/replay",
    {
      schema: {
        tags,
        summary: "Send a failed delivery again now (same event id)",
        params: WebhookDeliveryParams,
        response: { 202: ReplayResponse },
      },
      config: MANAGE,
    },
    async (request, reply) => {
      const { id, deliveryId } = request.params;
      return reply.status(202).send({ replayed: await replayDelivery(contextOf(request), id, deliveryId) });
    },
  );

  app.post(
    "/api/webhook-endpoints/:id/replay-failed",
    {
      schema: {
        tags,
        summary: "Send every failed delivery of an endpoint again now",
        params: IdParams,
        response: { 202: ReplayResponse },
      },
      config: MANAGE,
    },
    async (request, reply) =>
      reply.status(202).send({ replayed: await replayFailed(contextOf(request), request.params.id) }),
  );
};
