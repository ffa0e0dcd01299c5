import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SimContext } from "../context";
import { newCode, newObjectId } from "../ids";
import { embeddedSignupPage, type SignupPageConfig } from "../pages/embedded-signup.html";
import { SIGNUP_TEXTS, signupLocale } from "../pages/embedded-signup-i18n";
import { addTemplates, newPhoneNumber } from "../seed";

const CompleteBody = z.object({
  requestId: z.string().default(""),
  businessId: z.string(),
  waba: z.union([
    z.object({ id: z.string() }),
    z.object({ create: z.object({ name: z.string().min(1).max(100) }) }),
  ]),
  phone: z
    .union([
      z.object({ id: z.string() }),
      z.object({ create: z.object({ display: z.string().regex(/^\+\d[\d ]{7,18}$/) }) }),
    ])
    .nullable(),
  displayName: z.string().trim().min(3).max(100).nullable(),
  redirectUri: z.string().nullable().default(null),
  featureType: z.string().max(60).nullable().default(null),
});

export const BUSINESS_APP_FEATURE = "whatsapp_business_app_onboarding";

/** The dialog's data: the demo user's portfolios with their WABAs and numbers. */
function worldFor(ctx: SimContext) {
  return ctx.state.businesses
    .filter((b) => !b.systemUserOnly)
    .map((b) => ({
      id: b.id,
      name: b.name,
      verified: b.verified,
      restricted: b.restricted,
      wabas: ctx.state.wabas
        .filter((w) => w.businessId === b.id)
        .map((w) => ({
          id: w.id,
          name: w.name,
          phoneNumbers: ctx.state.phoneNumbers
            .filter((p) => p.wabaId === w.id)
            .map((p) => ({ id: p.id, display: p.displayPhoneNumber, verifiedName: p.verifiedName })),
        })),
    }));
}

/** Formats `+212661234567` the way Graph shows Moroccan numbers: `+212 6 61 23 45 67`. */
function formatDisplay(input: string): string {
  const digits = input.replace(/\D/g, "");
  const m = /^212(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(digits);
  return m ? `+212 ${m.slice(1).join(" ")}` : `+${digits}`;
}

function pageConfig(
  ctx: SimContext,
  query: Record<string, string | undefined>,
  mode: "popup" | "redirect",
): SignupPageConfig {
  const locale = signupLocale(query.locale, ctx.state.facebookUser.locale);
  let extras: Record<string, unknown> = {};
  try {
    extras = JSON.parse(query.extras ?? "{}") as Record<string, unknown>;
  } catch {
    extras = {};
  }
  return {
    mode,
    appName: ctx.options.appName,
    appIdValid: query.client_id === ctx.options.appId || query.app_id === ctx.options.appId,
    openerOrigin: query.origin ?? null,
    requestId: query.request_id ?? "",
    redirectUri: query.redirect_uri ?? null,
    state: query.state ?? null,
    onlyWaba: extras.featureType === "only_waba_sharing",
    businessApp: extras.featureType === BUSINESS_APP_FEATURE,
    user: ctx.state.facebookUser,
    businesses: worldFor(ctx),
    sessionId: randomBytes(8).toString("hex"),
    completeUrl: "../../signup/complete",
    locale,
    t: SIGNUP_TEXTS[locale],
  };
}

/** The Embedded Signup dialog (popup for FB.login, redirect for the OAuth dialog) and its backend. */
export function signupRoutes(ctx: SimContext) {
  return async (app: FastifyInstance) => {
    app.get("/:version/dialog/embedded_signup", async (req, reply) => {
      const config = pageConfig(ctx, req.query as Record<string, string>, "popup");
      return reply.type("text/html; charset=utf-8").send(embeddedSignupPage(config));
    });
    app.get("/:version/dialog/oauth", async (req, reply) => {
      const config = pageConfig(ctx, req.query as Record<string, string>, "redirect");
      return reply.type("text/html; charset=utf-8").send(embeddedSignupPage(config));
    });

    app.post("/signup/complete", async (req, reply) => {
      const body = CompleteBody.parse(req.body);
      const business = ctx.state.businesses.find((b) => b.id === body.businessId);
      if (!business || business.systemUserOnly)
        return reply.code(404).send({ error_message: "Business not found", error_id: "524100" });
      if (business.restricted) {
        return reply.code(400).send({
          error_message: "This business portfolio is restricted from using the WhatsApp Business Platform.",
          error_id: "524126",
        });
      }
      let waba =
        "id" in body.waba
          ? ctx.state.wabas.find((w) => w.id === (body.waba as { id: string }).id)
          : undefined;
      if ("create" in body.waba) {
        waba = {
          id: newObjectId(),
          businessId: business.id,
          name: body.waba.create.name,
          currency: "USD",
          timezoneId: "85",
          subscribedApps: [],
        };
        ctx.state.wabas.push(waba);
        addTemplates(ctx.state, waba.id, ctx.clock.now());
      }
      if (!waba || waba.businessId !== business.id)
        return reply.code(404).send({ error_message: "WhatsApp account not found", error_id: "524101" });
      let phone =
        body.phone && "id" in body.phone
          ? ctx.state.phoneNumbers.find((p) => p.id === (body.phone as { id: string }).id)
          : undefined;
      if (body.phone && "create" in body.phone) {
        phone = newPhoneNumber(
          waba.id,
          formatDisplay(body.phone.create.display),
          body.displayName ?? waba.name,
        );
        ctx.state.phoneNumbers.push(phone);
      }
      if (body.phone && (!phone || phone.wabaId !== waba.id)) {
        return reply.code(404).send({ error_message: "Phone number not found", error_id: "524102" });
      }
      if (phone && body.displayName && body.displayName !== phone.verifiedName) {
        phone.verifiedName = body.displayName;
        // A new display name goes through Meta's review; numbers stay usable meanwhile.
        phone.nameStatus = "AVAILABLE_WITHOUT_REVIEW";
      }
      if (phone && body.featureType === BUSINESS_APP_FEATURE) {
        // Coexistence: the number stays on the WhatsApp Business app, which already registered it;
        // the Cloud API can use it at once, with no registration call (Meta's onboarding of
        // business app users).
        phone.onBusinessApp = true;
        phone.registered = true;
      }
      const code = newCode();
      ctx.state.codes.push({
        code,
        createdAt: ctx.clock.now(),
        used: false,
        businessId: business.id,
        wabaId: waba.id,
        phoneNumberId: phone?.id ?? null,
        redirectUri: body.redirectUri,
      });
      ctx.persist();
      return { code, business_id: business.id, waba_id: waba.id, phone_number_id: phone?.id ?? null };
    });
  };
}
