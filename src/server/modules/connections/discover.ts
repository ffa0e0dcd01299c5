import type { EmbeddedSignupSession } from "../../../contracts/connections";
import type { GraphClient } from "../../platform/graph/graph-client";
import { StepFailure } from "./onboarding-steps";

const WHATSAPP_SCOPES = new Set(["whatsapp_business_management", "whatsapp_business_messaging"]);

export interface DiscoveredNumber {
  businessId: string | null;
  wabaId: string;
  phoneNumberId: string;
  tokenExpiresAt: Date | null;
}

/**
 * Which WhatsApp account and number the new token reaches. The dialog's session data says which
 * ones the user picked, but it comes from the browser: it is only believed when the token's own
 * granular scopes and the account's number list confirm it.
 */
export async function discoverNumber(
  graph: GraphClient,
  token: string,
  session: NonNullable<EmbeddedSignupSession["data"]> | undefined,
  /** Without the dialog's data (redirect flow), which of several numbers is likeliest meant (lower first). */
  preference: (phoneNumberIds: string[]) => Promise<Map<string, number>> = async () => new Map(),
): Promise<DiscoveredNumber> {
  const info = await graph.debugToken(token);
  if (!info.isValid) throw new StepFailure("Meta reports the new access token as invalid", 190);
  const wabaIds = [
    ...new Set(info.granularScopes.filter((g) => WHATSAPP_SCOPES.has(g.scope)).flatMap((g) => g.targetIds)),
  ];
  if (session?.waba_id && !wabaIds.includes(session.waba_id)) {
    throw new StepFailure("The WhatsApp account named by the dialog was not shared with this app");
  }
  const candidates = session?.waba_id ? [session.waba_id] : wabaIds;
  if (candidates.length === 0) throw new StepFailure("No WhatsApp Business account was shared during signup");

  for (const wabaId of candidates) {
    const numbers = await graph.listPhoneNumbers(wabaId, token);
    const number = session?.phone_number_id
      ? numbers.find((n) => n.id === session.phone_number_id)
      : await likeliest(numbers, preference);
    if (session?.phone_number_id && !number) {
      throw new StepFailure("The phone number named by the dialog is not on the shared WhatsApp account");
    }
    if (number) {
      return {
        businessId: session?.business_id ?? null,
        wabaId,
        phoneNumberId: number.id,
        tokenExpiresAt: info.expiresAt,
      };
    }
  }
  throw new StepFailure(
    "The shared WhatsApp account has no phone number yet: add one in WhatsApp Manager, then connect again",
  );
}

/** The number the user most likely meant when the dialog did not say (redirect flow). */
async function likeliest<T extends { id: string }>(
  numbers: T[],
  preference: (ids: string[]) => Promise<Map<string, number>>,
) {
  if (numbers.length <= 1) return numbers[0];
  const ranks = await preference(numbers.map((n) => n.id));
  return [...numbers].sort((a, b) => (ranks.get(a.id) ?? 1) - (ranks.get(b.id) ?? 1))[0];
}
