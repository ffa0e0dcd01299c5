import type { ConnectionResponse, ConnectionSummary, OnboardingStep } from "../../../contracts/connections";
import { ONBOARDING_STEPS } from "../../platform/db/schema/connections";
import type { ConnectionRow } from "./connections.repository";
import { isLinkojobNumber } from "./linkojob-number";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The display name waiting for Meta's review, until Meta approves it (then it is the verified name). */
const nameUnderReview = (row: ConnectionRow) =>
  row.requestedName && row.requestedName !== row.verifiedName ? row.requestedName : null;

export function presentConnectionSummary(row: ConnectionRow): ConnectionSummary {
  const linkojob = isLinkojobNumber(row);
  return {
    id: row.id,
    state: row.state,
    numberKind: linkojob ? "linkojob" : "own",
    wabaId: row.wabaId,
    phoneNumberId: row.phoneNumberId,
    displayPhoneNumber: row.displayPhoneNumber,
    // A LinkoJob number keeps its previous name (LinkoJob's, or the previous client's) until Meta
    // approves this client's: that name is not this client's to show.
    verifiedName: linkojob && nameUnderReview(row) ? null : row.verifiedName,
    qualityRating: row.qualityRating,
    messagingLimitTier: row.messagingLimitTier,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The connection as the dashboard shows it; the sealed token and PIN are never part of it. */
export function presentConnection(row: ConnectionRow): ConnectionResponse {
  const steps: OnboardingStep[] = ONBOARDING_STEPS.map((name) => {
    const step = row.onboardingSteps[name];
    return {
      name,
      status: step?.status ?? "pending",
      at: step?.at ?? null,
      errorCode: step?.errorCode ?? null,
      error: step?.error ?? null,
    };
  });
  return {
    ...presentConnectionSummary(row),
    businessId: row.businessId,
    nameStatus: row.nameStatus,
    requestedName: nameUnderReview(row),
    throughputLevel: row.throughputLevel,
    numberStatus: row.numberStatus,
    stateReason: row.stateReason,
    steps,
    needsPin: row.state === "failed" && row.onboardingSteps.register?.errorCode === 133005,
    healthWarnings: row.healthWarnings,
    tokenExpiresAt: iso(row.tokenExpiresAt),
    tokenCheckedAt: iso(row.tokenCheckedAt),
    connectedAt: iso(row.connectedAt),
    disconnectedAt: iso(row.disconnectedAt),
    throughputPerSecond: row.throughputPerSecond,
    businessApp: row.businessApp,
    historySync: row.historySync ?? null,
  };
}
