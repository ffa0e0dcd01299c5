import { tierOfMetaLimit } from "../../../contracts/messaging-limit";
import type { PhoneNumberInfo } from "../../platform/graph/graph-types";
import type { ConnectionChanges } from "./connections.repository";

/** Meta's fixed throughput of a number that stays on the WhatsApp Business app (coexistence). */
export const BUSINESS_APP_THROUGHPUT_PER_SECOND = 20;

/**
 * The number's health as Meta reports it, in the connection's columns. A number known to stay on
 * the WhatsApp Business app (`businessApp`, or Meta's `is_on_biz_app`) keeps its fixed 20 per second.
 */
export function numberDetails(info: PhoneNumberInfo, businessApp = false): ConnectionChanges {
  const onBusinessApp = businessApp || info.is_on_biz_app === true;
  return {
    ...(onBusinessApp ? { businessApp: true } : {}),
    displayPhoneNumber: info.display_phone_number ?? null,
    verifiedName: info.verified_name ?? null,
    qualityRating: info.quality_rating ?? null,
    nameStatus: info.name_status ?? null,
    messagingLimitTier: tierOfMetaLimit(info.whatsapp_business_manager_messaging_limit),
    throughputLevel: info.throughput?.level ?? null,
    numberStatus: info.status ?? null,
    // Meta's HIGH throughput tier is up to 1,000 messages per second; STANDARD is 80.
    throughputPerSecond: onBusinessApp
      ? BUSINESS_APP_THROUGHPUT_PER_SECOND
      : info.throughput?.level === "HIGH"
        ? 1000
        : 80,
  };
}
