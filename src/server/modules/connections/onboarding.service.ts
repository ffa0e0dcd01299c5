import type { ServerDeps } from "../../deps";
import type { OnboardingStepName } from "../../platform/db/schema/connections";
import { event, recordEvents } from "../../platform/events/domain-events";
import { syncTemplatesJobRef } from "../templates/jobs/sync-templates.job-ref";
import { tenantRepositories } from "../tenant-repositories";
import { generatePin, openPin, openToken, sealPin } from "./connection-secrets";
import { presentConnection } from "./connections.presenter";
import type { ConnectionChanges, ConnectionRow } from "./connections.repository";
import { requestAppDataJobRef } from "./jobs/request-app-data.job-ref";
import { numberDetails } from "./number-details";
import { StepFailure, type Steps, stepDone, withStep } from "./onboarding-steps";
import { canAttemptRegistration, withRegistrationAttempt } from "./registration-limit";

type StepRunner = (deps: ServerDeps, row: ConnectionRow, token: string) => Promise<ConnectionChanges>;

const runners: [OnboardingStepName, StepRunner][] = [
  [
    "details",
    async (deps, row, token) => {
      const details = numberDetails(
        await deps.graph.getPhoneNumber(row.phoneNumberId!, token),
        row.businessApp,
      );
      // Meta's limit is the business portfolio's: the client's other numbers in it get it too.
      if (details.messagingLimitTier)
        await tenantRepositories(deps.database.db, row.clientId).connections.setPortfolioTier(
          row,
          details.messagingLimitTier,
        );
      return details;
    },
  ],
  [
    "subscribe",
    async (deps, row, token) => {
      await deps.graph.subscribeApp(row.wabaId!, token);
      return {};
    },
  ],
  ["register", registerNumber],
  [
    "activate",
    async () => ({ state: "active", connectedAt: new Date(), stateReason: null, healthWarnings: [] }),
  ],
];

/**
 * Registers the number for the Cloud API with its two-step PIN: the client's, the one we set
 * before, or a new one, sealed and saved *before* the call so a crash cannot lose a PIN Meta took.
 */
async function registerNumber(deps: ServerDeps, row: ConnectionRow): Promise<ConnectionChanges> {
  const repos = tenantRepositories(deps.database.db, row.clientId);
  if (!canAttemptRegistration(row.registrationAttempts)) {
    throw new StepFailure(
      "This number has used its 10 registration attempts of the last 72 hours; try again later",
      133016,
    );
  }
  let pin: string;
  let changes: ConnectionChanges = {
    registrationAttempts: withRegistrationAttempt(row.registrationAttempts),
  };
  if (row.pinSealed) {
    pin = openPin(deps.vault, row.id, row.pinSealed);
  } else {
    pin = generatePin();
    changes = { ...changes, pinSealed: sealPin(deps.vault, row.id, pin), pinSource: "generated" };
  }
  await repos.connections.update(row.id, changes);
  try {
    await deps.graph.registerNumber(
      row.phoneNumberId!,
      pin,
      openToken(deps.vault, row.id, row.accessTokenSealed!),
    );
  } catch (error) {
    const failure = StepFailure.from(error);
    if (failure.errorCode === 133005) {
      throw new StepFailure("The number already has a two-step verification PIN: enter it to finish", 133005);
    }
    throw failure;
  }
  return {};
}

/**
 * Runs every onboarding step not yet done, in order, recording each; stops at the first failure
 * with the reason in words. Safe to run again: done steps are skipped.
 */
export async function continueOnboarding(
  deps: ServerDeps,
  clientId: string,
  connectionId: string,
): Promise<ConnectionRow | undefined> {
  const repos = tenantRepositories(deps.database.db, clientId);
  let row = await repos.connections.findById(connectionId);
  if (row?.state !== "onboarding" || !row.accessTokenSealed || !row.phoneNumberId) return row;
  const token = openToken(deps.vault, row.id, row.accessTokenSealed);

  for (const [name, run] of runners) {
    if (stepDone(row.onboardingSteps, name)) continue;
    // A WhatsApp Business app number is already registered by the app: registering it again
    // would take it from the phone. Meta's coexistence onboarding has no registration call.
    if (name === "register" && row.businessApp) {
      const skipped = withStep(row.onboardingSteps, name, { status: "skipped" });
      row = (await repos.connections.update(row.id, { onboardingSteps: skipped }))!;
      continue;
    }
    let steps: Steps = withStep(row.onboardingSteps, name, { status: "running" });
    row = (await repos.connections.update(row.id, { onboardingSteps: steps }))!;
    await announce(deps, row);
    try {
      const changes = await run(deps, row, token);
      steps = withStep(row.onboardingSteps, name, { status: "done" });
      row = (await repos.connections.update(row.id, { ...changes, onboardingSteps: steps }))!;
      await announce(deps, row);
    } catch (error) {
      const failure = StepFailure.from(error);
      const needsReconnect = failure.errorCode === 190 || failure.errorCode === 0;
      steps = withStep(row.onboardingSteps, name, {
        status: "failed",
        error: failure.message,
        ...(failure.errorCode !== undefined ? { errorCode: failure.errorCode } : {}),
      });
      row = (await repos.connections.update(row.id, {
        state: needsReconnect ? "needs_reconnect" : "failed",
        stateReason: failure.message,
        onboardingSteps: steps,
      }))!;
      await repos.audit.record({
        actorType: "system",
        action: "connection.onboarding_failed",
        targetType: "connection",
        targetId: row.id,
        metadata: { step: name, errorCode: failure.errorCode ?? null },
      });
      await announce(deps, row);
      return row;
    }
  }
  await repos.audit.record({
    actorType: "system",
    action: "connection.activated",
    targetType: "connection",
    targetId: row.id,
    metadata: { phoneNumberId: row.phoneNumberId },
  });
  // The template picker needs the number's templates as soon as it can send.
  await deps.queue.enqueue(syncTemplatesJobRef, { clientId, connectionId: row.id });
  // A WhatsApp Business app number: its contacts and its history (if the business agreed to share
  // it), asked for once each; Meta sends them through the webhooks.
  if (row.businessApp) {
    for (const syncType of ["smb_app_state_sync", "history"] as const)
      await deps.queue.enqueue(requestAppDataJobRef, { clientId, connectionId: row.id, syncType });
  }
  return row;
}

/** Tells the client's open dashboards how the connection stands now. */
async function announce(deps: ServerDeps, row: ConnectionRow): Promise<void> {
  await recordEvents(deps.database.db, row.clientId, [
    event("connection:updated", { connection: presentConnection(row) }),
  ]);
}
