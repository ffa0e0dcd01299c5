import type { FastifyInstance } from "fastify";
import { type Clock, createClock } from "./clock";
import type { SimContext } from "./context";
import { controlRoutes } from "./control/routes";
import { MetaError } from "./errors";
import { authenticate, MESSAGING, requireWabaAccess } from "./graph/auth";
import { graphPlugin } from "./graph/plugin";
import { reviewTemplate } from "./graph/template-review";
import { checkMediaUrl } from "./media-store";
import { resolveOptions, type SimulatorOptions } from "./options";
import { pagesRoutes } from "./pages/routes";
import { seedDemoWorld } from "./seed";
import { signupRoutes } from "./signup/signup.routes";
import { emptyState, loadState, type SimState, saveState } from "./state";
import { WebhookSender } from "./webhooks/sender";
import { resumePendingStatuses } from "./webhooks/statuses";

export { META_ERRORS, type MetaErrorCode } from "./errors";
export type { SimulatorOptions } from "./options";
export { LINKOJOB_POOL_NUMBERS, LINKOJOB_POOL_WABA_NAME } from "./seed";
export type { SimState } from "./state";
export { serializeAsMeta, signatureFor } from "./webhooks/sign";

export interface Simulator {
  /** Fastify plugin; register it with `{ prefix: "/simulator" }`. */
  plugin: (app: FastifyInstance) => Promise<void>;
  /** Shared context: live state, clock, faults and the webhook sender (for in-process tests). */
  ctx: SimContext;
  readonly state: SimState;
  clock: Clock;
  /** Back to a freshly seeded world; clears faults and the webhook log. */
  reset(): void;
  /** Writes pending state to `dataFile` and stops timers. */
  close(): Promise<void>;
}

function freshState(seed: boolean, now: number): SimState {
  const state = emptyState();
  if (seed) seedDemoWorld(state, now);
  return state;
}

/** Builds the Meta simulator: Graph API subset, Embedded Signup, webhooks, phone page, control API. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const opts = resolveOptions(options);
  const clock = options.clock ?? createClock(opts.timeScale);
  let state = (opts.dataFile ? loadState(opts.dataFile) : null) ?? freshState(opts.seed, clock.now());
  let saveTimer: NodeJS.Timeout | null = null;
  const save = () => {
    saveTimer = null;
    if (opts.dataFile) saveState(opts.dataFile, state);
  };
  const publicBase = opts.publicUrl?.replace(/\/simulator$/, "") ?? null;

  const ctx: SimContext = {
    options: opts,
    get state() {
      return state;
    },
    clock,
    faults: {
      failNext: [],
      failMedia: [],
      outage: { mode: "off", code: 2 },
      throughputPerSecond: opts.throughputPerSecond,
      dailyLimit: { ...opts.dailyLimit },
    },
    webhooks: new WebhookSender(opts, () => state, clock),
    closed: false,
    persist() {
      if (opts.dataFile && !saveTimer) saveTimer = setTimeout(save, 250);
    },
    baseUrl: (origin) => `${publicBase ?? origin ?? "http://127.0.0.1:4010"}/simulator`,
    resetLimits: () => {},
    callLimits: { appPerHour: null, wabaPerHour: null },
    appSecretProof: { required: opts.requireAppSecretProof },
    templateReview: { rules: [], delayMs: opts.templateReviewDelayMs },
    scheduleTemplateReview(templateId) {
      const delay = ctx.templateReview.delayMs;
      if (delay === null) return;
      clock.schedule(delay, () => {
        const template = state.templates.find((t) => t.id === templateId);
        if (template) reviewTemplate(ctx, template, ctx.templateReview.rules);
      });
    },
  };
  if (opts.dataFile) save();
  resumePendingStatuses(ctx);

  const reset = () => {
    state = freshState(opts.seed, clock.now());
    ctx.faults.failNext = [];
    ctx.faults.failMedia = [];
    ctx.faults.outage = { mode: "off", code: 2 };
    ctx.faults.throughputPerSecond = opts.throughputPerSecond;
    ctx.faults.dailyLimit = { ...opts.dailyLimit };
    ctx.callLimits = { appPerHour: null, wabaPerHour: null };
    ctx.appSecretProof = { required: opts.requireAppSecretProof };
    ctx.templateReview = { rules: [], delayMs: opts.templateReviewDelayMs };
    ctx.webhooks.log.splice(0);
    ctx.webhooks.setPaused(false);
    ctx.resetLimits();
    ctx.persist();
  };

  const plugin = async (app: FastifyInstance) => {
    await app.register(graphPlugin(ctx), { prefix: "/graph" });
    await app.register(signupRoutes(ctx), { prefix: "/facebook" });
    await app.register(controlRoutes(ctx, reset), { prefix: "/control" });
    await app.register(pagesRoutes(ctx));
    // Media downloads live on their own host at Meta (lookaside.fbsbx.com); here under /lookaside.
    app.get("/lookaside/whatsapp_business/attachments/", async (req, reply) => {
      const found = checkMediaUrl(ctx, req.query as { mid?: string; ext?: string; hash?: string });
      if (found === "not_found" || found === "expired")
        return reply.code(404).send({ error: "URL not found or expired" });
      try {
        requireWabaAccess(authenticate(ctx, req), found.wabaId, MESSAGING, found.id, "GET");
      } catch (err) {
        if (err instanceof MetaError) return reply.code(401).send(err.toBody());
        throw err;
      }
      return reply
        .type(found.mimeType)
        .header("content-length", found.fileSize)
        .send(Buffer.from(found.dataBase64, "base64"));
    });
  };

  return {
    plugin,
    ctx,
    get state() {
      return state;
    },
    clock,
    reset,
    async close() {
      ctx.closed = true;
      clock.cancelAll();
      ctx.webhooks.close();
      if (saveTimer) {
        clearTimeout(saveTimer);
        save();
      }
    },
  };
}
