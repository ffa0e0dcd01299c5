import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AutomationSettings, UpdateAutomationSettingsBody } from "../../../contracts/automation";
import { contextOf } from "../accounts/auth.hook";
import { getAutomationSettings, updateAutomationSettings } from "./automation.service";

const tags = ["automation"];

/** The inbox rules: read by every signed-in user, changed by owners and admins (no API key). */
export const automationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/automation",
    {
      schema: {
        tags,
        summary: "The inbox rules: automatic assignment, business hours, the away reply",
        response: { 200: AutomationSettings },
      },
    },
    async (request) => getAutomationSettings(contextOf(request)),
  );

  app.patch(
    "/api/automation",
    {
      schema: {
        tags,
        summary: "Change the inbox rules (owners and admins)",
        body: UpdateAutomationSettingsBody,
        response: { 200: AutomationSettings },
      },
    },
    async (request) => updateAutomationSettings(contextOf(request), request.body),
  );
};
