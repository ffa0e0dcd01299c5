import { afterEach, describe, expect, it, vi } from "vitest";
import { CSRF_HEADER } from "../../contracts/constants";
import { ApiError, apiRequest, parseRetryAfter, setCsrfToken, setUnauthenticatedHandler } from "./client";

function reply(status: number, body?: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

function mockFetch(response: Response | Error) {
  const fn = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal("fetch", fn);
  return fn;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setUnauthenticatedHandler(() => {});
});

describe("apiRequest", () => {
  it("sends the CSRF token on writes only, same-origin, as JSON", async () => {
    setCsrfToken("token-1");
    const fetch = mockFetch(reply(200, { ok: true }));
    await apiRequest("PATCH", "/api/auth/me", { body: { locale: "ar" } });
    const [path, init] = fetch.mock.calls[0] ?? [];
    const headers = init?.headers as Record<string, string>;
    expect(path).toBe("/api/auth/me");
    expect(init?.credentials).toBe("same-origin");
    expect(headers[CSRF_HEADER]).toBe("token-1");
    expect(headers["content-type"]).toBe("application/json");
    expect(init?.body).toBe('{"locale":"ar"}');

    const get = mockFetch(reply(200, {}));
    await apiRequest("GET", "/api/users");
    const getHeaders = (get.mock.calls[0]?.[1]?.headers ?? {}) as Record<string, string>;
    expect(getHeaders[CSRF_HEADER]).toBeUndefined();
  });

  it("resolves 204 to undefined", async () => {
    mockFetch(reply(204));
    await expect(apiRequest("DELETE", "/api/api-keys/1")).resolves.toBeUndefined();
  });

  it("turns the error body into a typed ApiError with Retry-After", async () => {
    mockFetch(reply(429, { error: { code: "rate_limited", message: "slow down" } }, { "retry-after": "42" }));
    const error = await apiRequest("POST", "/api/auth/login").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: "rate_limited", retryAfterSeconds: 42 });
  });

  it("reports network failures and unreadable errors with client-side codes", async () => {
    mockFetch(new TypeError("Failed to fetch"));
    await expect(apiRequest("GET", "/api/users")).rejects.toMatchObject({ status: 0, code: "network_error" });
    mockFetch(new Response("<html>bad gateway</html>", { status: 502 }));
    await expect(apiRequest("GET", "/api/users")).rejects.toMatchObject({
      status: 502,
      code: "unknown_error",
    });
    // A code this build does not know (a newer server) has no words yet: read as unknown.
    mockFetch(reply(400, { error: { code: "brand_new_refusal", message: "new" } }));
    await expect(apiRequest("GET", "/api/users")).rejects.toMatchObject({
      status: 400,
      code: "unknown_error",
      message: "new",
    });
  });

  it("calls the unauthenticated handler on 401 unless the caller expects a 401", async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    mockFetch(reply(401, { error: { code: "unauthenticated", message: "no session" } }));
    await expect(apiRequest("GET", "/api/users")).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);

    mockFetch(reply(401, { error: { code: "unauthenticated", message: "no session" } }));
    await expect(apiRequest("GET", "/api/auth/session", { redirectOn401: false })).rejects.toBeInstanceOf(
      ApiError,
    );
    mockFetch(reply(401, { error: { code: "invalid_credentials", message: "wrong" } }));
    await expect(apiRequest("POST", "/api/auth/login")).rejects.toMatchObject({
      code: "invalid_credentials",
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("30")).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    expect(parseRetryAfter(inTwoMinutes)).toBeGreaterThanOrEqual(118);
  });
});
