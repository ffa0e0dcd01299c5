import type { FastifyInstance, FastifyRequest } from "fastify";
import { ZodError, type z } from "zod";
import {
  AccountUpdateBody,
  AllowedRecipientsBody,
  AppContactsBody,
  AppSecretProofBody,
  BusinessAppEchoBody,
  CallLimitsBody,
  CandidateBody,
  ClockAdvanceBody,
  ConversationQuery,
  CountBody,
  DailyLimitBody,
  DisplayNameDecisionBody,
  FacebookUserBody,
  FailMediaBody,
  FailNextBody,
  HistorySyncBody,
  InjectInboundBody,
  InvalidateTokenBody,
  MessagingLimitBody,
  MintTokenBody,
  OutageBody,
  PaymentMethodBody,
  SeedTemplateBody,
  SentQuery,
  SpamRateLimitBody,
  TemplateDecisionBody,
  TemplateReviewDelayBody,
  TemplateReviewRuleBody,
  ThroughputBody,
  VerifyWebhookBody,
} from "../../contracts/simulator";
import type { SimContext } from "../context";
import { MetaError } from "../errors";
import { injectInbound } from "../inbound";
import * as actions from "./actions";
import * as businessApp from "./business-app";
import { phoneConversation } from "./phone-view";

const parse = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => schema.parse(value ?? {});

/** The control API (JSON) for tests and the sandbox: faults, injections, read-back and time. */
export function controlRoutes(ctx: SimContext, reset: () => void) {
  return async (app: FastifyInstance) => {
    app.setErrorHandler((err, _req, reply) => {
      if (err instanceof ZodError) {
        return reply
          .code(400)
          .send({ error: { code: "validation_failed", message: "Invalid body", details: err.issues } });
      }
      if (err instanceof MetaError) {
        return reply
          .code(400)
          .send({ error: { code: "invalid_request", message: err.options.details ?? err.message } });
      }
      return reply
        .code(500)
        .send({ error: { code: "internal_error", message: err instanceof Error ? err.message : "error" } });
    });
    const body = (req: FastifyRequest) => req.body;

    app.get("/state", async () => actions.describeWorld(ctx));
    app.post("/reset", async () => {
      reset();
      return { success: true };
    });
    app.post("/inbound", async (req) => injectInbound(ctx, parse(InjectInboundBody, body(req))));
    app.post("/fail-next", async (req) => actions.failNext(ctx, parse(FailNextBody, body(req))));
    app.post("/media/fail-next", async (req) => actions.failMedia(ctx, parse(FailMediaBody, body(req))));
    app.post("/throughput", async (req) => {
      ctx.faults.throughputPerSecond = parse(ThroughputBody, body(req)).perSecond;
      return { perSecond: ctx.faults.throughputPerSecond };
    });
    app.post("/outage", async (req) => actions.setOutage(ctx, parse(OutageBody, body(req))));

    app.get("/webhooks", async () => ({
      paused: ctx.webhooks.paused,
      deliveries: ctx.webhooks.log.map(({ body: _raw, ...d }) => d),
    }));
    app.post("/webhooks/pause", async () => {
      ctx.webhooks.setPaused(true);
      return { paused: true };
    });
    app.post("/webhooks/resume", async () => {
      ctx.webhooks.setPaused(false);
      return { paused: false };
    });
    app.post("/webhooks/duplicate", async (req) => {
      ctx.webhooks.duplicate(parse(CountBody, body(req)).count);
      return { success: true };
    });
    app.post("/webhooks/reorder", async (req) => {
      ctx.webhooks.reorder(parse(CountBody, body(req)).count);
      return { success: true };
    });
    app.post("/webhooks/verify", async (req) => {
      const input = parse(VerifyWebhookBody, body(req));
      const url = input.url ?? ctx.options.webhookUrl;
      if (!url) throw new MetaError(100, { details: "No webhook URL configured" });
      return ctx.webhooks.verify(url, input.verifyToken ?? ctx.options.webhookVerifyToken);
    });

    app.get("/sent", async (req) => {
      const q = parse(SentQuery, req.query);
      return {
        sent: ctx.state.sent.filter(
          (s) =>
            (!q.phoneNumberId || s.phoneNumberId === q.phoneNumberId) &&
            (q.since === undefined || s.at >= q.since),
        ),
      };
    });
    app.get("/conversations", async (req) => {
      const q = parse(ConversationQuery, req.query);
      return {
        messages: ctx.state.messages.filter((m) => m.phoneNumberId === q.phoneNumberId && m.waId === q.waId),
      };
    });

    app.get("/phone/conversation", async (req) => {
      const q = parse(ConversationQuery, req.query);
      return { messages: phoneConversation(ctx, q.phoneNumberId, q.waId.replace(/\D/g, "")) };
    });
    // The phone page shows pictures inline; the Graph download URL needs a business token instead.
    app.get("/media/:id", async (req, reply) => {
      const media = ctx.state.media.find((m) => m.id === (req.params as { id: string }).id);
      if (!media) return reply.code(404).send({ error: { code: "not_found", message: "Unknown media" } });
      return reply.type(media.mimeType).send(Buffer.from(media.dataBase64, "base64"));
    });

    app.post("/tokens", async (req) => actions.mintToken(ctx, parse(MintTokenBody, body(req)).wabaId));
    app.post("/phone-numbers/:id/display-name", async (req) =>
      actions.decideName(ctx, (req.params as { id: string }).id, parse(DisplayNameDecisionBody, body(req))),
    );
    app.post("/tokens/invalidate", async (req) =>
      actions.invalidateToken(ctx, parse(InvalidateTokenBody, body(req))),
    );
    app.post("/account-update", async (req) =>
      actions.accountUpdate(ctx, parse(AccountUpdateBody, body(req))),
    );
    app.post("/templates", async (req) => actions.seedTemplate(ctx, parse(SeedTemplateBody, body(req))));
    app.post("/templates/:id/decision", async (req) =>
      actions.decide(ctx, (req.params as { id: string }).id, parse(TemplateDecisionBody, body(req))),
    );
    app.delete("/templates/:id", async (req) => actions.deleteAtMeta(ctx, (req.params as { id: string }).id));
    app.get("/templates/review-rules", async () => ({
      rules: ctx.templateReview.rules,
      delayMs: ctx.templateReview.delayMs,
    }));
    app.post("/templates/review-rules", async (req) =>
      actions.addReviewRule(ctx, parse(TemplateReviewRuleBody, body(req))),
    );
    app.delete("/templates/review-rules", async () => {
      ctx.templateReview.rules = [];
      return { rules: [] };
    });
    app.post("/templates/review-delay", async (req) => {
      ctx.templateReview.delayMs = parse(TemplateReviewDelayBody, body(req)).ms;
      return { delayMs: ctx.templateReview.delayMs };
    });
    app.post("/messaging-limit", async (req) =>
      actions.setMessagingLimit(ctx, parse(MessagingLimitBody, body(req))),
    );
    app.post("/payment-method", async (req) =>
      actions.setPaymentMethod(ctx, parse(PaymentMethodBody, body(req))),
    );
    app.post("/appsecret-proof", async (req) => {
      ctx.appSecretProof.required = parse(AppSecretProofBody, body(req)).required;
      return { required: ctx.appSecretProof.required };
    });
    app.post("/facebook-user", async (req) => {
      ctx.state.facebookUser.locale = parse(FacebookUserBody, body(req)).locale;
      ctx.persist();
      return { facebookUser: ctx.state.facebookUser };
    });
    app.post("/call-limits", async (req) => {
      const input = parse(CallLimitsBody, body(req));
      if (input.appPerHour !== undefined) ctx.callLimits.appPerHour = input.appPerHour;
      if (input.wabaPerHour !== undefined) ctx.callLimits.wabaPerHour = input.wabaPerHour;
      return { callLimits: ctx.callLimits };
    });
    app.post("/allowed-recipients", async (req) =>
      actions.setAllowedRecipients(ctx, parse(AllowedRecipientsBody, body(req))),
    );
    app.post("/spam-rate-limit", async (req) =>
      actions.setSpamRateLimit(ctx, parse(SpamRateLimitBody, body(req))),
    );
    app.post("/daily-limit", async (req) => actions.setDailyLimit(ctx, parse(DailyLimitBody, body(req))));
    // A number kept on the WhatsApp Business app (coexistence): the phone's echoes, history, contacts.
    app.post("/business-app/echo", async (req) =>
      businessApp.sendEcho(ctx, parse(BusinessAppEchoBody, body(req))),
    );
    app.post("/business-app/history", async (req) =>
      businessApp.syncHistory(ctx, parse(HistorySyncBody, body(req))),
    );
    app.post("/business-app/contacts", async (req) =>
      businessApp.syncAppContacts(ctx, parse(AppContactsBody, body(req))),
    );
    app.post("/candidates", async (req) => actions.upsertCandidate(ctx, parse(CandidateBody, body(req))));

    app.post("/clock/advance", async (req) => {
      ctx.clock.advance(parse(ClockAdvanceBody, body(req)).ms);
      return { now: ctx.clock.now() };
    });
    app.post("/clock/freeze", async () => {
      ctx.clock.freeze();
      return { now: ctx.clock.now() };
    });
    app.post("/clock/unfreeze", async () => {
      ctx.clock.unfreeze();
      return { now: ctx.clock.now() };
    });
  };
}
