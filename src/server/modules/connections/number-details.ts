import { tierOfMetaLimit } from "../../../contracts/messaging-limit";
import type { PhoneNumberInfo } from "../../platform/graph/graph-types";
import type { ConnectionChanges } from "./connections.repository";

/** The number's health as Meta reports it, in the connection's columns. */
export function numberDetails(info: PhoneNumberInfo): ConnectionChanges {
  return {
    displayPhoneNumber: info.display_phone_number ?? null,
    verifiedName: info.verified_name ?? null,
    qualityRating: info.quality_rating ?? null,
    nameStatus: info.name_status ?? null,
    messagingLimitTier: tierOfMetaLimit(info.whatsapp_business_manager_messaging_limit),
    throughputLevel: info.throughput?.level ?? null,
    numberStatus: info.status ?? null,
    // Meta's HIGH throughput tier is up to 1,000 messages per second; STANDARD is 80.
    throughputPerSecond: info.throughput?.level === "HIGH" ? 1000 : 80,
  };
}
