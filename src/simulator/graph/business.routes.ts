import type { SimContext } from "../context";
import { authenticate, MANAGEMENT, unsupportedRequest } from "./auth";
import type { GraphRegistry } from "./registry";

/**
 * `GET /{business-id}/owned_whatsapp_business_accounts` and `client_whatsapp_business_accounts`:
 * the WABAs of that portfolio the token may manage (another way to discover what Embedded Signup
 * shared, besides debug_token's granular scopes).
 */
export function registerBusinessRoutes(registry: GraphRegistry, ctx: SimContext): void {
  for (const edge of ["owned_whatsapp_business_accounts", "client_whatsapp_business_accounts"]) {
    registry.on("business", edge, "GET", async ({ req, node }) => {
      const caller = authenticate(ctx, req);
      const visible =
        caller.kind === "token"
          ? (caller.token.granularScopes.find((g) => g.scope === MANAGEMENT)?.target_ids ?? [])
          : [];
      const seesBusiness =
        caller.kind === "token" &&
        caller.token.granularScopes.some(
          (g) => g.scope === "business_management" && g.target_ids.includes(node.id),
        );
      if (!seesBusiness) throw unsupportedRequest(node.id, "GET");
      const data = ctx.state.wabas
        .filter((w) => w.businessId === node.id && visible.includes(w.id))
        .map((w) => ({ id: w.id, name: w.name, currency: w.currency, timezone_id: w.timezoneId }));
      return { data, paging: { cursors: { before: "MAZDZD", after: "MAZDZD" } } };
    });
  }
}
