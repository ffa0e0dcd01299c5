import { describe, expect, it } from "vitest";
import { ERROR_CODES, ERROR_STATUS, ErrorCode } from "../../contracts/errors";
import { AppError, rateLimited } from "./errors";

describe("error codes", () => {
  it("each answer one client or server error status", () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_STATUS[code], code).toBeGreaterThanOrEqual(400);
      expect(ERROR_STATUS[code], code).toBeLessThan(600);
      expect(new AppError(code, "x").statusCode, code).toBe(ERROR_STATUS[code]);
    }
  });

  it("keep a wrong password at login apart from a wrong current password on a change", () => {
    expect(new AppError(ErrorCode.invalidCredentials, "x").statusCode).toBe(401);
    expect(new AppError(ErrorCode.wrongCurrentPassword, "x").statusCode).toBe(400);
  });

  it("carry their headers, such as Retry-After on a rate limit", () => {
    const limited = rateLimited(42);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers).toEqual({ "retry-after": "42" });
  });
});
