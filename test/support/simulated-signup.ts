import type { EmbeddedSignupSession } from "../../src/contracts/connections";
import type { TestApp } from "./test-app";

interface WorldNumber {
  id: string;
  displayPhoneNumber: string;
  registered: boolean;
  /** Register and deregister calls of the last 72 hours. */
  registrationCalls: number;
  /** What was asked of a WhatsApp Business app number's data (`smb_app_data`), in order. */
  appDataSyncs?: { syncType: string; requestId: string }[];
}
interface World {
  businesses: { id: string; name: string }[];
  wabas: {
    id: string;
    businessId: string;
    name: string;
    subscribedApps: string[];
    phoneNumbers: WorldNumber[];
  }[];
  tokens: { token: string; valid: boolean; wabaIds: string[] }[];
}

/** The simulator's world (businesses, WABAs, numbers, tokens) through its control API. */
export async function simulatorWorld(app: TestApp): Promise<World> {
  return (await app.inject({ method: "GET", url: "/simulator/control/state" })).json() as World;
}

/** Seeded numbers: Casablanca is fresh; Rabat already has a two-step PIN (246810). */
export type SeededNumber = "casablanca" | "rabat" | "atlas";
const DISPLAY: Record<SeededNumber, string> = {
  casablanca: "+212 6 61 23 45 67",
  rabat: "+212 6 62 34 56 78",
  atlas: "+212 7 00 11 22 33",
};

/**
 * What the simulated Embedded Signup dialog does when the user picks a number and finishes:
 * its backend returns the code, and the page would post this FINISH message. `businessApp` plays
 * the onboarding of a WhatsApp Business app number (`featureType: whatsapp_business_app_onboarding`).
 */
export async function finishSimulatedSignup(
  app: TestApp,
  number: SeededNumber,
  redirectUri?: string,
  options: { businessApp?: boolean } = {},
) {
  const world = await simulatorWorld(app);
  const waba = world.wabas.find((w) => w.phoneNumbers.some((p) => p.displayPhoneNumber === DISPLAY[number]))!;
  const phone = waba.phoneNumbers.find((p) => p.displayPhoneNumber === DISPLAY[number])!;
  const response = await app.inject({
    method: "POST",
    url: "/simulator/facebook/signup/complete",
    payload: {
      businessId: waba.businessId,
      waba: { id: waba.id },
      phone: { id: phone.id },
      displayName: null,
      redirectUri: redirectUri ?? null,
      featureType: options.businessApp ? "whatsapp_business_app_onboarding" : null,
    },
  });
  const { code } = response.json() as { code: string };
  const session: EmbeddedSignupSession = {
    type: "WA_EMBEDDED_SIGNUP",
    event: options.businessApp ? "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING" : "FINISH",
    data: { phone_number_id: phone.id, waba_id: waba.id, business_id: waba.businessId },
  };
  return { code, session, wabaId: waba.id, phoneNumberId: phone.id };
}
