import type { ConnectionSummary } from "../../../contracts/connections";
import type { ConnectionRow } from "./connections.repository";

export function presentConnectionSummary(row: ConnectionRow): ConnectionSummary {
  return {
    id: row.id,
    state: row.state,
    wabaId: row.wabaId,
    phoneNumberId: row.phoneNumberId,
    displayPhoneNumber: row.displayPhoneNumber,
    verifiedName: row.verifiedName,
    qualityRating: row.qualityRating,
    messagingLimitTier: row.messagingLimitTier,
    createdAt: row.createdAt.toISOString(),
  };
}
