import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type FacebookLoginOptions,
  type FacebookLoginResponse,
  type FacebookSdk,
  parseSignupMessage,
  runEmbeddedSignup,
} from "./embedded-signup";

type Listener = (event: { origin: string; data: unknown }) => void;

/** A window stand-in that delivers `message` events, and an SDK whose login answers on demand. */
function harness() {
  const listeners = new Set<Listener>();
  let answer: ((response: FacebookLoginResponse | undefined) => void) | null = null;
  let loginOptions: FacebookLoginOptions | null = null;
  const fb: FacebookSdk = {
    init: () => {},
    login: (callback, options) => {
      answer = callback;
      loginOptions = options;
    },
  };
  return {
    fb,
    source: {
      addEventListener: (_type: "message", listener: Listener) => listeners.add(listener),
      removeEventListener: (_type: "message", listener: Listener) => listeners.delete(listener),
    },
    post: (origin: string, data: unknown) => {
      for (const listener of [...listeners]) listener({ origin, data });
    },
    callback: (response: FacebookLoginResponse | undefined) => answer?.(response),
    listenerCount: () => listeners.size,
    options: () => loginOptions,
  };
}

const ORIGIN = "https://www.facebook.com";
const finish = JSON.stringify({
  type: "WA_EMBEDDED_SIGNUP",
  event: "FINISH",
  data: { phone_number_id: "111", waba_id: "222", business_id: "333", page_ids: [] },
  version: 3,
});

describe("parseSignupMessage", () => {
  it("reads Meta's JSON string and keeps only the fields the server takes", () => {
    expect(parseSignupMessage(finish)).toEqual({
      type: "WA_EMBEDDED_SIGNUP",
      event: "FINISH",
      data: { phone_number_id: "111", waba_id: "222", business_id: "333" },
    });
  });

  it("ignores objects, other message types and broken JSON", () => {
    expect(parseSignupMessage({ type: "WA_EMBEDDED_SIGNUP", event: "FINISH" })).toBeNull();
    expect(parseSignupMessage(JSON.stringify({ type: "SIMULATOR_FB_LOGIN", event: "x" }))).toBeNull();
    expect(parseSignupMessage("{WA_EMBEDDED_SIGNUP")).toBeNull();
  });

  it("cuts an overlong error message to the server's limit", () => {
    const long = JSON.stringify({
      type: "WA_EMBEDDED_SIGNUP",
      event: "CANCEL",
      data: { error_message: "x".repeat(900) },
    });
    expect(parseSignupMessage(long)?.data?.error_message).toHaveLength(500);
  });
});

describe("runEmbeddedSignup", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("calls FB.login for a code with the configuration and the v4 extras", () => {
    const h = harness();
    void runEmbeddedSignup({ fb: h.fb, configId: "cfg-1", messageOrigin: ORIGIN, source: h.source });
    expect(h.options()).toEqual({
      config_id: "cfg-1",
      response_type: "code",
      override_default_response_type: true,
      extras: { setup: {}, sessionInfoVersion: "3", version: "v4" },
    });
  });

  it("message first, then the callback: resolves at once with both, and stops listening", async () => {
    const h = harness();
    const result = runEmbeddedSignup({ fb: h.fb, configId: "c", messageOrigin: ORIGIN, source: h.source });
    h.post(ORIGIN, finish);
    h.callback({ status: "connected", authResponse: { code: "the-code" } });
    await expect(result).resolves.toMatchObject({ code: "the-code", session: { event: "FINISH" } });
    expect(h.listenerCount()).toBe(0);
  });

  it("callback first: waits briefly for the message", async () => {
    const h = harness();
    const result = runEmbeddedSignup({ fb: h.fb, configId: "c", messageOrigin: ORIGIN, source: h.source });
    h.callback({ status: "connected", authResponse: { code: "the-code" } });
    await vi.advanceTimersByTimeAsync(500);
    h.post(ORIGIN, finish);
    await expect(result).resolves.toMatchObject({ code: "the-code", session: { event: "FINISH" } });
  });

  it("callback without a message: gives up waiting after the grace period", async () => {
    const h = harness();
    const result = runEmbeddedSignup({ fb: h.fb, configId: "c", messageOrigin: ORIGIN, source: h.source });
    h.callback({ status: "unknown", authResponse: null });
    await vi.advanceTimersByTimeAsync(1600);
    await expect(result).resolves.toEqual({});
  });

  it("ignores messages from any other origin", async () => {
    const h = harness();
    const result = runEmbeddedSignup({ fb: h.fb, configId: "c", messageOrigin: ORIGIN, source: h.source });
    h.post("https://evil.example", finish);
    h.callback({ status: "connected", authResponse: { code: "the-code" } });
    await vi.advanceTimersByTimeAsync(1600);
    await expect(result).resolves.toEqual({ code: "the-code" });
  });

  it("a CANCEL without a callback resolves after the grace period, with the step", async () => {
    const h = harness();
    const result = runEmbeddedSignup({ fb: h.fb, configId: "c", messageOrigin: ORIGIN, source: h.source });
    h.post(
      ORIGIN,
      JSON.stringify({ type: "WA_EMBEDDED_SIGNUP", event: "CANCEL", data: { current_step: "PERMISSIONS" } }),
    );
    await vi.advanceTimersByTimeAsync(1600);
    await expect(result).resolves.toEqual({
      session: { type: "WA_EMBEDDED_SIGNUP", event: "CANCEL", data: { current_step: "PERMISSIONS" } },
    });
  });
});
