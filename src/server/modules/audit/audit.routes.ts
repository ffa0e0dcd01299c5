import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { AuditListResponse } from "../../../contracts/accounts";
import { forbidden } from "../../platform/errors";
import { contextOf } from "../accounts/auth.hook";
import { can } from "../accounts/policies";
import { presentAuditEntry } from "./audit.presenter";
import { listAudit } from "./audit.service";

const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d+$/, "must be a cursor returned by a previous page").optional(),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "Who did what, newest first",
        querystring: AuditQuery,
        response: { 200: AuditListResponse },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      if (!can(ctx.actor, "audit.read")) throw forbidden("Only owners and admins read the audit log");
      const page = await listAudit(ctx, request.query.limit, request.query.cursor);
      return { entries: page.entries.map(presentAuditEntry), nextCursor: page.nextCursor };
    },
  );
};
