import { describe, expect, it } from "vitest";
import { warningsFor } from "./connection-health.service";
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
