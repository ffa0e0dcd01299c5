import type { SimContext } from "../context";
import { MetaError } from "../errors";
import type { PhoneNumber } from "../state";
import { authenticate, MANAGEMENT, requireWabaAccess } from "./auth";
import { submitDisplayName } from "./display-name-review";
import { graphParams } from "./params";
import type { GraphRegistry } from "./registry";

const REGISTRATION_WINDOW_MS = 72 * 3600_000;
const REGISTRATION_LIMIT = 10;

const PAYMENT_ERROR = {
  error_code: 141006,
  error_description:
    "There is an error with the payment method. This will block business initiated conversations.",
  possible_solution:
    "There was an error with your payment method. Please add a new payment method to the account.",
};

/**
 * `health_status` as Meta's Health Status page shapes it: the number, its account, the business and
 * the app, each AVAILABLE / LIMITED / BLOCKED with the errors that limit it, and the worst of them.
 * The simulator models one cause, an account without a valid payment method (141006, as in
 * Meta's OpenAPI example).
 */
function healthStatus(ctx: SimContext, pn: PhoneNumber) {
  const waba = ctx.state.wabas.find((w) => w.id === pn.wabaId);
  const wabaBlocked = waba?.paymentMethodInvalid === true;
  return {
    can_send_message: wabaBlocked ? "BLOCKED" : "AVAILABLE",
    entities: [
      { entity_type: "PHONE_NUMBER", id: pn.id, can_send_message: "AVAILABLE" },
      {
        entity_type: "WABA",
        id: pn.wabaId,
        can_send_message: wabaBlocked ? "BLOCKED" : "AVAILABLE",
        ...(wabaBlocked ? { errors: [PAYMENT_ERROR] } : {}),
      },
      { entity_type: "BUSINESS", id: waba?.businessId ?? "", can_send_message: "AVAILABLE" },
      { entity_type: "APP", id: ctx.options.appId, can_send_message: "AVAILABLE" },
    ],
  };
}

/** Every field we can show for a number, by Graph field name. */
function phoneFields(ctx: SimContext, pn: PhoneNumber): Record<string, unknown> {
  return {
    health_status: healthStatus(ctx, pn),
    id: pn.id,
    display_phone_number: pn.displayPhoneNumber,
    verified_name: pn.verifiedName,
    quality_rating: pn.qualityRating,
    code_verification_status: pn.codeVerificationStatus,
    name_status: pn.nameStatus,
    new_display_name: pn.requestedName ?? null,
    status: pn.registered ? "CONNECTED" : "PENDING",
    platform_type: pn.registered ? "CLOUD_API" : "NOT_APPLICABLE",
    throughput: { level: pn.throughputLevel },
    account_mode: "LIVE",
    is_on_biz_app: pn.onBusinessApp ?? false,
    is_official_business_account: false,
    whatsapp_business_manager_messaging_limit: pn.messagingLimitTier,
    messaging_limit_tier: pn.messagingLimitTier,
    country_code: pn.displayPhoneNumber.startsWith("+212") ? "MA" : "US",
    country_dial_code: pn.displayPhoneNumber.slice(1).split(" ")[0],
  };
}

const NODE_DEFAULT = ["id", "display_phone_number", "verified_name", "quality_rating"];
const EDGE_DEFAULT = [
  "verified_name",
  "code_verification_status",
  "display_phone_number",
  "quality_rating",
  "platform_type",
  "throughput",
  "id",
];

/** Applies Graph's `fields=` selection; unknown fields are a 100 like Graph's "nonexisting field". */
function pick(all: Record<string, unknown>, fields: unknown, defaults: string[]): Record<string, unknown> {
  const wanted =
    typeof fields === "string" && fields.trim() ? fields.split(",").map((f) => f.trim()) : defaults;
  const out: Record<string, unknown> = {};
  for (const field of wanted) {
    if (!(field in all)) {
      throw new MetaError(100, {
        message: `(#100) Tried accessing nonexisting field (${field}) on node type (WhatsAppBusinessPhoneNumber)`,
        withoutErrorData: true,
      });
    }
    out[field] = all[field];
  }
  if (!("id" in out)) out.id = all.id;
  return out;
}

/** Counts a (de)registration call against the 72-hour budget; throws 133016 once it is spent. */
function spendRegistrationAttempt(ctx: SimContext, pn: PhoneNumber): void {
  const now = ctx.clock.now();
  pn.registrationAttempts = pn.registrationAttempts.filter((t) => now - t < REGISTRATION_WINDOW_MS);
  if (pn.registrationAttempts.length >= REGISTRATION_LIMIT) {
    throw new MetaError(133016, {
      details:
        "Register/deregister attempts for this number exceeded 10 in 72 hours; it is blocked until the window passes.",
    });
  }
  pn.registrationAttempts.push(now);
  ctx.persist();
}

export function registerNumberRoutes(registry: GraphRegistry, ctx: SimContext): void {
  registry.on("phone", null, "GET", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.phone.wabaId, MANAGEMENT, node.id, "GET");
    return pick(phoneFields(ctx, node.phone), graphParams(req).fields, NODE_DEFAULT);
  });

  // Display name change (the simulator's model of Meta's name review; `new_display_name`).
  registry.on("phone", null, "POST", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.phone.wabaId, MANAGEMENT, node.id, "POST");
    const name = graphParams(req).new_display_name;
    if (typeof name !== "string" || name.trim().length < 3 || name.trim().length > 100) {
      throw new MetaError(100, {
        message: "(#100) Param new_display_name must be between 3 and 100 characters long.",
      });
    }
    submitDisplayName(ctx, node.phone, name.trim());
    return { success: true };
  });

  registry.on("waba", null, "GET", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.waba.id, MANAGEMENT, node.id, "GET");
    const { waba } = node;
    return {
      id: waba.id,
      name: waba.name,
      currency: waba.currency,
      timezone_id: waba.timezoneId,
      message_template_namespace: `${waba.id.slice(0, 8)}_sim_namespace`,
    };
  });

  registry.on("waba", "phone_numbers", "GET", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.waba.id, MANAGEMENT, node.id, "GET");
    const fields = graphParams(req).fields;
    const data = ctx.state.phoneNumbers
      .filter((p) => p.wabaId === node.waba.id)
      .map((p) => pick(phoneFields(ctx, p), fields, EDGE_DEFAULT));
    const cursor = (i: number) => Buffer.from(String(i)).toString("base64");
    return { data, paging: { cursors: { before: cursor(0), after: cursor(data.length) } } };
  });

  registry.on("phone", "register", "POST", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.phone.wabaId, MANAGEMENT, node.id, "POST");
    const params = graphParams(req);
    if (params.messaging_product !== "whatsapp") {
      throw new MetaError(100, { message: "(#100) The parameter messaging_product is required." });
    }
    spendRegistrationAttempt(ctx, node.phone);
    const pin = params.pin;
    if (typeof pin !== "string" || !/^\d{6}$/.test(pin)) {
      throw new MetaError(100, {
        message: "(#100) Param pin must be 6 characters long.",
        details: "The PIN must be 6 digits.",
      });
    }
    if (node.phone.pin !== null && node.phone.pin !== pin) {
      throw new MetaError(133005, {
        details: "The two-step verification PIN does not match the one set on this number.",
      });
    }
    node.phone.pin = pin;
    node.phone.registered = true;
    ctx.persist();
    return { success: true };
  });

  // Coexistence: the partner asks once for the app's contacts and once for its history, within 24
  // hours of the onboarding; what comes back arrives through the webhooks (the control routes
  // `business-app/contacts` and `business-app/history` play it).
  registry.on("phone", "smb_app_data", "POST", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.phone.wabaId, MANAGEMENT, node.id, "POST");
    const params = graphParams(req);
    if (params.messaging_product !== "whatsapp") {
      throw new MetaError(100, { message: "(#100) The parameter messaging_product is required." });
    }
    const syncType = params.sync_type;
    if (syncType !== "smb_app_state_sync" && syncType !== "history") {
      throw new MetaError(100, {
        message: "(#100) Param sync_type must be one of {smb_app_state_sync, history}.",
      });
    }
    if (!node.phone.onBusinessApp) {
      throw new MetaError(100, {
        details: "This phone number was not onboarded from the WhatsApp Business app.",
      });
    }
    node.phone.appDataSyncs ??= [];
    const syncs = node.phone.appDataSyncs;
    if (syncs.some((s) => s.syncType === syncType)) {
      throw new MetaError(100, {
        details: `The ${syncType} synchronization was already requested for this number.`,
      });
    }
    const requestId = `${syncType}_${node.id}_${syncs.length + 1}`;
    syncs.push({ syncType, requestId, at: ctx.clock.now() });
    ctx.persist();
    return { messaging_product: "whatsapp", request_id: requestId };
  });

  registry.on("phone", "deregister", "POST", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.phone.wabaId, MANAGEMENT, node.id, "POST");
    spendRegistrationAttempt(ctx, node.phone);
    if (!node.phone.registered) {
      throw new MetaError(100, { subcode: 2207051, details: "The phone number is not registered." });
    }
    node.phone.registered = false;
    ctx.persist();
    return { success: true };
  });

  registerSubscriptionRoutes(registry, ctx);
}

function registerSubscriptionRoutes(registry: GraphRegistry, ctx: SimContext): void {
  const appData = () => ({
    id: ctx.options.appId,
    name: ctx.options.appName,
    link: `https://www.facebook.com/games/?app_id=${ctx.options.appId}`,
  });

  registry.on("waba", "subscribed_apps", "GET", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.waba.id, MANAGEMENT, node.id, "GET");
    return {
      data: node.waba.subscribedApps.map((s) => ({
        whatsapp_business_api_data: appData(),
        ...(s.overrideCallbackUri ? { override_callback_uri: s.overrideCallbackUri } : {}),
      })),
    };
  });

  registry.on("waba", "subscribed_apps", "POST", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.waba.id, MANAGEMENT, node.id, "POST");
    const params = graphParams(req);
    const override = typeof params.override_callback_uri === "string" ? params.override_callback_uri : null;
    const verifyToken = typeof params.verify_token === "string" ? params.verify_token : null;
    if (override) {
      // Meta verifies an override endpoint before accepting it, like the dashboard's callback URL.
      const check = await ctx.webhooks.verify(override, verifyToken ?? "");
      if (!check.ok) {
        throw new MetaError(100, {
          subcode: 2200,
          details: `Callback verification failed with the following errors: HTTP Status Code = ${check.status}`,
        });
      }
    }
    node.waba.subscribedApps = node.waba.subscribedApps.filter((s) => s.appId !== ctx.options.appId);
    node.waba.subscribedApps.push({ appId: ctx.options.appId, overrideCallbackUri: override, verifyToken });
    ctx.persist();
    return override
      ? { success: true, data: [{ override_callback_uri: override, whatsapp_business_api_data: appData() }] }
      : { success: true };
  });

  registry.on("waba", "subscribed_apps", "DELETE", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.waba.id, MANAGEMENT, node.id, "DELETE");
    node.waba.subscribedApps = node.waba.subscribedApps.filter((s) => s.appId !== ctx.options.appId);
    ctx.persist();
    return { success: true };
  });
}
