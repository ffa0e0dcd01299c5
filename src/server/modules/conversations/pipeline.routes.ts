import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { IdParams } from "../../../contracts/accounts";
import {
  CreateLabelBody,
  CreateStageBody,
  DeleteStageQuery,
  DeleteStageResponse,
  LabelListResponse,
  LabelResponse,
  ReorderStagesBody,
  StageListResponse,
  StageResponse,
  UpdateLabelBody,
  UpdateStageBody,
} from "../../../contracts/pipeline";
import { roleMay, USER_ROLES } from "../../../contracts/roles";
import { contextOf, type RouteAuth } from "../accounts/auth.hook";
import { presentLabel, presentStage } from "./pipeline.presenter";
import {
  createLabel,
  createStage,
  deleteLabel,
  deleteStage,
  listLabels,
  listStages,
  reorderStages,
  updateLabel,
  updateStage,
} from "./pipeline.service";

const tags = ["hiring stages and labels"];
/** Everyone reads the lists (the inbox shows them), integrations too. */
const READ: { auth: RouteAuth } = { auth: { scope: "conversations:read" } };
/** Owners and admins manage them, from their session. */
const MANAGE: { auth: RouteAuth } = {
  auth: { roles: USER_ROLES.filter((role) => roleMay(role, "pipeline.manage")) },
};

export const pipelineRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/hiring-stages",
    {
      schema: { tags, summary: "The client's hiring stages, in order", response: { 200: StageListResponse } },
      config: READ,
    },
    async (request) => ({ stages: (await listStages(contextOf(request))).map(presentStage) }),
  );

  app.post(
    "/api/hiring-stages",
    {
      schema: {
        tags,
        summary: "Add a hiring stage, last (owners and admins)",
        body: CreateStageBody,
        response: { 201: StageResponse },
      },
      config: MANAGE,
    },
    async (request, reply) =>
      reply.status(201).send(presentStage(await createStage(contextOf(request), request.body))),
  );

  app.put(
    "/api/hiring-stages/order",
    {
      schema: {
        tags,
        summary: "Put the stages in a new order: every stage's id once (owners and admins)",
        body: ReorderStagesBody,
        response: { 200: StageListResponse },
      },
      config: MANAGE,
    },
    async (request) => ({
      stages: (await reorderStages(contextOf(request), request.body.ids)).map(presentStage),
    }),
  );

  app.patch(
    "/api/hiring-stages/:id",
    {
      schema: {
        tags,
        summary: "Rename, recolour a stage or change its kind (owners and admins)",
        params: IdParams,
        body: UpdateStageBody,
        response: { 200: StageResponse },
      },
      config: MANAGE,
    },
    async (request) => presentStage(await updateStage(contextOf(request), request.params.id, request.body)),
  );

  app.delete(
    "/api/hiring-stages/:id",
    {
      schema: {
        tags,
        summary:
          "Delete a stage; its conversations move to `replacementId` if given, else are left without a stage (owners and admins)",
        params: IdParams,
        querystring: DeleteStageQuery,
        response: { 200: DeleteStageResponse },
      },
      config: MANAGE,
    },
    async (request) => ({
      movedConversations: await deleteStage(
        contextOf(request),
        request.params.id,
        request.query.replacementId,
      ),
    }),
  );

  app.get(
    "/api/labels",
    {
      schema: { tags, summary: "The client's labels, by name", response: { 200: LabelListResponse } },
      config: READ,
    },
    async (request) => ({ labels: (await listLabels(contextOf(request))).map(presentLabel) }),
  );

  app.post(
    "/api/labels",
    {
      schema: {
        tags,
        summary: "Add a label (owners and admins)",
        body: CreateLabelBody,
        response: { 201: LabelResponse },
      },
      config: MANAGE,
    },
    async (request, reply) =>
      reply.status(201).send(presentLabel(await createLabel(contextOf(request), request.body))),
  );

  app.patch(
    "/api/labels/:id",
    {
      schema: {
        tags,
        summary: "Rename or recolour a label (owners and admins)",
        params: IdParams,
        body: UpdateLabelBody,
        response: { 200: LabelResponse },
      },
      config: MANAGE,
    },
    async (request) => presentLabel(await updateLabel(contextOf(request), request.params.id, request.body)),
  );

  app.delete(
    "/api/labels/:id",
    {
      schema: {
        tags,
        summary: "Delete a label: taken off every conversation with it (owners and admins)",
        params: IdParams,
        response: { 200: DeleteStageResponse },
      },
      config: MANAGE,
    },
    async (request) => ({ movedConversations: await deleteLabel(contextOf(request), request.params.id) }),
  );
};
