import { CSRF_HEADER, ErrorCode, isErrorCode } from "../../contracts/constants";

/**
 * Server codes, plus the two the client produces itself: no reply at all, or a reply that is not
 * one of ours (a proxy's page, a code this build does not know).
 */
export type ApiErrorCode = ErrorCode | "network_error" | "unknown_error";

/** Any failed API call: a server `{ error: { code, message } }`, a network failure or an unreadable reply. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Seconds from `Retry-After` on 429 and 503, else null. */
    readonly retryAfterSeconds: number | null = null,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {};

/** Set from every session response; cookie-authenticated writes are refused without it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request answers 401 `unauthenticated` (session expired or revoked elsewhere). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

interface RequestOptions {
  body?: unknown;
  /** Raw bytes sent as they are (a file upload), with their own Content-Type; excludes `body`. */
  blob?: Blob;
  /** Extra headers, such as `Idempotency-Key` on sends. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** False for calls that expect a 401 as an answer (the session probe, the login form). */
  redirectOn401?: boolean;
}

/** Same-origin JSON request; resolves to the parsed body (undefined on 204), rejects with ApiError. */
export async function apiRequest<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.blob) headers["content-type"] = options.blob.type || "application/octet-stream";
  if (method !== "GET" && csrfToken) headers[CSRF_HEADER] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.blob ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "network_error", cause instanceof Error ? cause.message : "Network error");
  }

  if (response.ok) {
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  const error = await toApiError(response);
  if (error.code === ErrorCode.unauthenticated && options.redirectOn401 !== false) {
    onUnauthenticated();
  }
  throw error;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  try {
    const body: unknown = await response.json();
    if (isErrorBody(body)) {
      const { code, message, details } = body.error;
      const known = isErrorCode(code) ? code : "unknown_error";
      return new ApiError(response.status, known, message, retryAfter, details);
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall through to a generic error.
  }
  return new ApiError(response.status, "unknown_error", response.statusText, retryAfter);
}

function isErrorBody(body: unknown): body is { error: { code: string; message: string; details?: unknown } } {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === "object" && error !== null && typeof (error as { code?: unknown }).code === "string"
  );
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
