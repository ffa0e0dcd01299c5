import type { EmbeddedSignupSession } from "./api";

/** The part of Meta's JS SDK (and of the simulator's stand-in, same API) that Embedded Signup uses. */
export interface FacebookSdk {
  init(options: { appId: string; version: string; xfbml: boolean; cookie?: boolean }): void;
  login(callback: (response: FacebookLoginResponse | undefined) => void, options: FacebookLoginOptions): void;
}

export interface FacebookLoginResponse {
  status?: string;
  authResponse?: { code?: string | null } | null;
}

export interface FacebookLoginOptions {
  config_id: string;
  response_type: "code";
  override_default_response_type: true;
  extras: { setup: Record<string, never>; sessionInfoVersion: string; version: string; featureType?: string };
}

/** What the dialog produced: the code (absent when closed or cancelled) and its last session message. */
export interface SignupResult {
  code?: string;
  session?: EmbeddedSignupSession;
}

type SdkWindow = Window & { FB?: FacebookSdk };

const loading = new Map<string, Promise<FacebookSdk>>();
const loaded = new Map<string, FacebookSdk>();
const initialised = new Set<string>();

/** The SDK already loaded from `url`, for a click handler that must open the popup synchronously. */
export function loadedSdk(url: string): FacebookSdk | null {
  return loaded.get(url) ?? null;
}

/**
 * Loads the SDK script once per URL (Meta's `sdk.js` live, `/simulator/sdk.js` in sandbox). A failed
 * load is forgotten so the next click tries again.
 */
export function loadSdk(url: string): Promise<FacebookSdk> {
  const pending = loading.get(url);
  if (pending) return pending;
  const promise = new Promise<FacebookSdk>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.async = true;
    script.crossOrigin = "anonymous";
    script.addEventListener("load", () => {
      const fb = (window as SdkWindow).FB;
      if (fb) {
        loaded.set(url, fb);
        resolve(fb);
      } else {
        reject(new Error("The SDK loaded without defining FB"));
      }
    });
    script.addEventListener("error", () => reject(new Error(`Could not load ${url}`)));
    document.head.append(script);
  });
  promise.catch(() => loading.delete(url));
  loading.set(url, promise);
  return promise;
}

/** `FB.init` once per app and Graph version. */
export function initSdk(fb: FacebookSdk, appId: string, version: string): void {
  const key = `${appId}@${version}`;
  if (initialised.has(key)) return;
  fb.init({ appId, version, xfbml: false });
  initialised.add(key);
}

const SESSION_FIELDS = {
  phone_number_id: 40,
  waba_id: 40,
  business_id: 40,
  current_step: 80,
  error_message: 500,
  error_id: 40,
} as const;

/**
 * Reads a `WA_EMBEDDED_SIGNUP` message (Meta posts a JSON string), keeping only the fields the server
 * takes, within its limits; anything else (the SDK's own messages, other widgets) gives null.
 */
export function parseSignupMessage(data: unknown): EmbeddedSignupSession | null {
  if (typeof data !== "string" || !data.includes("WA_EMBEDDED_SIGNUP")) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const message = parsed as { type?: unknown; event?: unknown; data?: unknown };
  if (message.type !== "WA_EMBEDDED_SIGNUP" || typeof message.event !== "string") return null;
  const fields: Record<string, string> = {};
  if (typeof message.data === "object" && message.data !== null) {
    const source = message.data as Record<string, unknown>;
    for (const [name, max] of Object.entries(SESSION_FIELDS)) {
      const value = source[name];
      if (typeof value === "string" || typeof value === "number") fields[name] = String(value).slice(0, max);
    }
  }
  return { type: "WA_EMBEDDED_SIGNUP", event: message.event.slice(0, 60), data: fields };
}

interface MessageSource {
  addEventListener(type: "message", listener: (event: { origin: string; data: unknown }) => void): void;
  removeEventListener(type: "message", listener: (event: { origin: string; data: unknown }) => void): void;
}

export interface RunSignupOptions {
  fb: FacebookSdk;
  configId: string;
  /** Only messages from this origin are read (Meta's, or the simulator's). */
  messageOrigin: string;
  source?: MessageSource;
  /** How long one of the two answers waits for the other. */
  graceMs?: number;
  /** After a FINISH message, how long to wait for the callback that carries the code. */
  codeWaitMs?: number;
  /**
   * The number stays on the WhatsApp Business app (coexistence): Meta's onboarding of business app
   * users (`featureType: whatsapp_business_app_onboarding`), which ends with
   * `FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING`.
   */
  businessApp?: boolean;
}

/**
 * Opens Embedded Signup with `FB.login` (call it straight from the click, or the popup is blocked) and
 * resolves once both the login callback and the `WA_EMBEDDED_SIGNUP` message are in, whichever comes
 * first, or once the other one has not come after a short wait.
 */
export function runEmbeddedSignup(options: RunSignupOptions): Promise<SignupResult> {
  const source: MessageSource = options.source ?? window;
  const graceMs = options.graceMs ?? 1500;
  const codeWaitMs = options.codeWaitMs ?? 10_000;
  return new Promise((resolve) => {
    let session: EmbeddedSignupSession | undefined;
    let code: string | undefined;
    let called = false;
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      source.removeEventListener("message", onMessage);
      resolve({ ...(code ? { code } : {}), ...(session ? { session } : {}) });
    };
    const waitThenFinish = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(finish, ms);
    };
    function onMessage(event: { origin: string; data: unknown }) {
      if (event.origin !== options.messageOrigin) return;
      const message = parseSignupMessage(event.data);
      if (!message) return;
      // A FINISH is never replaced by a later message of the same dialog.
      if (!session?.event.startsWith("FINISH")) session = message;
      if (called) finish();
      else waitThenFinish(message.event.startsWith("FINISH") ? codeWaitMs : graceMs);
    }

    source.addEventListener("message", onMessage);
    options.fb.login(
      (response) => {
        called = true;
        code = response?.authResponse?.code ?? undefined;
        if (session) finish();
        else waitThenFinish(graceMs);
      },
      {
        config_id: options.configId,
        response_type: "code",
        override_default_response_type: true,
        extras: {
          setup: {},
          sessionInfoVersion: "3",
          version: "v4",
          ...(options.businessApp ? { featureType: "whatsapp_business_app_onboarding" } : {}),
        },
      },
    );
  });
}
