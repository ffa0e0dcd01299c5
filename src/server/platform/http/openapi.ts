import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { webhooksSection } from "../../modules/outbound-webhooks/openapi-webhooks";

/** The OpenAPI document generated from the routes' zod schemas, at /api/openapi.json and /api/docs. */
export async function registerOpenApi(app: FastifyInstance, publicUrl: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      // 3.1: the document also describes the events sent to the clients' endpoints (`webhooks`).
      openapi: "3.1.0",
      webhooks: webhooksSection(),
      info: {
        title: "LinkoJob WhatsApp API",
        version: "1.0.0",
        description:
          "Send and read candidate conversations on WhatsApp. Authenticate with the dashboard's session cookie " +
          "(writes need the x-csrf-token header) or with an API key: `Authorization: Bearer lj_...`.",
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "lj_session" },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { schema: { hide: true }, config: { auth: { public: true } } }, async () =>
    app.swagger(),
  );
}
