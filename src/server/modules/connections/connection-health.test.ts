import { describe, expect, it } from "vitest";
import { messagingHealthWarnings, warningsFor } from "./connection-health.service";
import { canAttemptRegistration, REGISTRATION_LIMIT, withRegistrationAttempt } from "./registration-limit";

const day = 24 * 3_600_000;

describe("connection health warnings", () => {
  it("warns a week ahead of the token's expiry, and not for a token that never expires", () => {
    expect(warningsFor({}, new Date(Date.now() + 6 * day))).toEqual(["token_expires_soon"]);
    expect(warningsFor({}, new Date(Date.now() + 30 * day))).toEqual([]);
    expect(warningsFor({}, null)).toEqual([]);
  });

  it("warns on low quality and a declined display name", () => {
    expect(warningsFor({ qualityRating: "RED", nameStatus: "DECLINED" }, null)).toEqual([
      "quality_low",
      "display_name_declined",
    ]);
    expect(warningsFor({ qualityRating: "YELLOW" }, null)).toEqual(["quality_medium"]);
  });
});

describe("Meta's health status as warnings", () => {
  it("names each known error of any entity, else Meta's summary, and nothing when all can send", () => {
    // Meta's own example (its OpenAPI document): a WABA blocked for its payment method and a ban,
    // a business limited for its verification.
    expect(
      messagingHealthWarnings({
        can_send_message: "BLOCKED",
        entities: [
          { entity_type: "PHONE_NUMBER", id: "1", can_send_message: "AVAILABLE" },
          {
            entity_type: "WABA",
            id: "2",
            can_send_message: "BLOCKED",
            errors: [{ error_code: 141006 }, { error_code: 141014 }],
          },
          { entity_type: "BUSINESS", id: "3", can_send_message: "LIMITED", errors: [{ error_code: 141010 }] },
        ],
      }),
    ).toEqual(["payment_method_invalid", "account_banned", "business_not_verified"]);
    expect(
      messagingHealthWarnings({
        can_send_message: "LIMITED",
        entities: [{ entity_type: "WABA", can_send_message: "LIMITED", errors: [{ error_code: 199999 }] }],
      }),
    ).toEqual(["messaging_limited"]);
    expect(messagingHealthWarnings({ can_send_message: "BLOCKED" })).toEqual(["messaging_blocked"]);
    expect(messagingHealthWarnings({ can_send_message: "AVAILABLE", entities: [] })).toEqual([]);
    expect(messagingHealthWarnings(undefined)).toEqual([]);
  });
});

describe("Meta's registration limit (10 per number per 72 hours)", () => {
  it("counts only the attempts of the moving window", () => {
    const now = Date.now();
    const old = Array.from({ length: REGISTRATION_LIMIT }, () =>
      new Date(now - 73 * 3_600_000).toISOString(),
    );
    expect(canAttemptRegistration(old, now)).toBe(true);
    let recent: string[] = [];
    for (let i = 0; i < REGISTRATION_LIMIT; i++) recent = withRegistrationAttempt(recent, now);
    expect(canAttemptRegistration(recent, now)).toBe(false);
    expect(withRegistrationAttempt([...old, ...recent], now)).toHaveLength(REGISTRATION_LIMIT + 1);
  });
});
