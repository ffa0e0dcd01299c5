import { forbidden, notFound } from "../../platform/errors";
import { GraphError } from "../../platform/graph/graph-error";
import { explain } from "../../platform/graph/meta-errors";
import { can } from "../accounts/policies";
import { recordAudit } from "../audit/audit.service";
import type { RequestContext } from "../context";
import { returnLinkojobNumber } from "../virtual-numbers/virtual-numbers.service";
import { openToken, sealPin } from "./connection-secrets";
import type { ConnectionRow } from "./connections.repository";
import { onboardConnectionJobRef } from "./jobs/onboard-connection.job-ref";
import { isLinkojobNumber } from "./linkojob-number";
import { resetFrom } from "./onboarding-steps";
import { canAttemptRegistration, withRegistrationAttempt } from "./registration-limit";

export function listConnections(ctx: RequestContext): Promise<ConnectionRow[]> {
  return ctx.repos.connections.list();
}

export async function getConnection(ctx: RequestContext, id: string): Promise<ConnectionRow> {
  const row = await ctx.repos.connections.findById(id);
  if (!row) throw notFound("Connection");
  return row;
}

/**
 * Resumes a failed onboarding at the step that failed (with the client's PIN when registration
 * asked for it). Only the recruiter's click retries registration: nothing loops on it.
 */
export async function retryOnboarding(ctx: RequestContext, id: string, pin?: string): Promise<ConnectionRow> {
  const row = await getConnection(ctx, id);
  if (row.state !== "failed") return row;
  const failed = Object.entries(row.onboardingSteps).filter(([, s]) => s?.status === "failed");
  const steps = resetFrom(row.onboardingSteps, failed.map(([name]) => name) as ["register"]);
  const updated = await ctx.transaction(async (repos, tx) => {
    const saved = await repos.connections.update(id, {
      state: "onboarding",
      stateReason: null,
      onboardingSteps: steps,
      ...(pin ? { pinSealed: sealPin(ctx.deps.vault, id, pin), pinSource: "client" as const } : {}),
    });
    await ctx.deps.queue.enqueue(
      onboardConnectionJobRef,
      { clientId: ctx.clientId, connectionId: id },
      { tx },
    );
    return saved!;
  });
  await recordAudit(ctx, "connection.retry", { type: "connection", id }, { pinGiven: Boolean(pin) });
  return updated;
}

/**
 * Deregisters the number and unsubscribes the app, then drops the token. Conversations and
 * messages stay readable; the PIN is kept, since the number keeps it at Meta for a reconnect.
 * A LinkoJob number is given back to LinkoJob instead (into quarantine): its WABA is shared, so
 * unsubscribing the app would cut every other client holding one of its numbers.
 */
export async function disconnectConnection(ctx: RequestContext, id: string): Promise<ConnectionRow> {
  if (!can(ctx.actor, "connections.disconnect"))
    throw forbidden("Only owners and admins disconnect WhatsApp");
  const row = await getConnection(ctx, id);
  if (row.state === "disconnected") return row;
  if (isLinkojobNumber(row)) return returnLinkojobNumber(ctx, row);
  const problems: string[] = [];
  let attempts = row.registrationAttempts;
  if (row.accessTokenSealed && row.phoneNumberId && row.wabaId) {
    const token = openToken(ctx.deps.vault, row.id, row.accessTokenSealed);
    const calls: [string, () => Promise<void>][] = [
      ["unsubscribe", () => ctx.deps.graph.unsubscribeApp(row.wabaId!, token)],
    ];
    if (canAttemptRegistration(attempts)) {
      attempts = withRegistrationAttempt(attempts);
      calls.unshift(["deregister", () => ctx.deps.graph.deregisterNumber(row.phoneNumberId!, token)]);
    } else {
      problems.push("deregister: skipped, the number has no registration attempts left for 72 hours");
    }
    for (const [name, call] of calls) {
      try {
        await call();
      } catch (error) {
        // Disconnecting must succeed on our side even when Meta already forgot the app.
        const code = error instanceof GraphError ? error.code : undefined;
        problems.push(`${name}: ${explain(code, error instanceof Error ? error.message : "failed")}`);
      }
    }
  }
  const updated = await ctx.repos.connections.update(id, {
    state: "disconnected",
    disconnectedAt: new Date(),
    accessTokenSealed: null,
    registrationAttempts: attempts,
    stateReason: problems.length > 0 ? problems.join("; ") : null,
  });
  await recordAudit(
    ctx,
    "connection.disconnected",
    { type: "connection", id },
    {
      phoneNumberId: row.phoneNumberId,
      problems,
    },
  );
  return updated!;
}
