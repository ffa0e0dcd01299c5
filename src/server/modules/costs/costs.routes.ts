import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  BudgetsResponse,
  CostsQuery,
  CostsResponse,
  QuoteQuery,
  QuoteResponse,
  SetBudgetBody,
} from "../../../contracts/costs";
import { roleMay, USER_ROLES } from "../../../contracts/roles";
import { contextOf } from "../accounts/auth.hook";
import { costsCsv, getBudgets, getCosts, quoteSend, setBudget } from "./costs.service";

const tags = ["costs"];
/** Owners and admins read the costs; API keys with `costs:read` too (LinkoJob's servers). */
const read = {
  auth: { scope: "costs:read" as const, roles: USER_ROLES.filter((role) => roleMay(role, "costs.read")) },
};
const manageBudgets = { auth: { roles: USER_ROLES.filter((role) => roleMay(role, "budgets.manage")) } };

export const costsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/costs",
    {
      schema: {
        tags,
        summary:
          "A month's WhatsApp costs in MAD, grouped, with the SMS comparison, past months and the budget",
        querystring: CostsQuery,
        response: { 200: CostsResponse },
      },
      config: read,
    },
    async (request) => getCosts(contextOf(request), request.query),
  );

  app.get(
    "/api/costs/export",
    {
      schema: {
        tags,
        summary: "The same figures as CSV",
        querystring: CostsQuery,
        produces: ["text/csv"],
        response: { 200: z.string().describe("CSV, one line per group and a total line") },
      },
      config: read,
    },
    async (request, reply) => {
      const csv = await costsCsv(contextOf(request), request.query);
      const name = `costs-${request.query.month ?? "current"}-${request.query.groupBy}.csv`;
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${name}"`)
        .send(`\uFEFF${csv}`);
    },
  );

  app.get(
    "/api/costs/budgets",
    {
      schema: {
        tags,
        summary: "The client's monthly budget and the recruiters', with this month's spend",
        response: { 200: BudgetsResponse },
      },
      config: read,
    },
    async (request) => getBudgets(contextOf(request)),
  );

  app.put(
    "/api/costs/budgets",
    {
      schema: {
        tags,
        summary: "Set, raise or remove the client's monthly budget or a recruiter's (owners)",
        body: SetBudgetBody,
        response: { 200: BudgetsResponse },
      },
      config: manageBudgets,
    },
    async (request) => setBudget(contextOf(request), request.body),
  );

  app.get(
    "/api/costs/quote",
    {
      schema: {
        tags,
        summary: "What a template send in a conversation costs now, and the budget it draws on",
        querystring: QuoteQuery,
        response: { 200: QuoteResponse },
      },
      config: { auth: { scope: "messages:send" as const } },
    },
    async (request) => quoteSend(contextOf(request), request.query),
  );
};
