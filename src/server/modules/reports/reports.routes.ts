import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ReportsQuery, ReportsResponse } from "../../../contracts/reports";
import { contextOf } from "../accounts/auth.hook";
import { getReports } from "./reports.service";

const tags = ["reports"];

export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/reports",
    {
      schema: {
        tags,
        summary:
          "Conversations handled, first response and resolution times (median, p90) per week and recruiter; a recruiter gets their own",
        querystring: ReportsQuery,
        response: { 200: ReportsResponse },
      },
      // Every signed-in user (a recruiter sees only their own figures); API keys are refused.
      config: { auth: {} },
    },
    async (request) => getReports(contextOf(request), request.query),
  );
};
