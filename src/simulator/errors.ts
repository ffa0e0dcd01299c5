import { newFbtraceId } from "./ids";

/**
 * Meta's error catalogue for the Cloud API subset we simulate: code → title, HTTP status, retryable.
 * Titles follow Meta's error-code page (2026). Meta no longer publishes the HTTP status per code, so
 * `status` is our best reading of real responses (400 for request problems, 401 for tokens, 403 for
 * permissions, 5xx for server-side trouble); clients must key on `code`, never on the status.
 */
export const META_ERRORS = {
  0: { title: "AuthException", status: 401, retryable: false },
  1: { title: "API Unknown", status: 500, retryable: true },
  2: { title: "API Service", status: 503, retryable: true },
  3: { title: "API Method", status: 403, retryable: false },
  4: { title: "API Too Many Calls", status: 429, retryable: true },
  10: { title: "Permission Denied", status: 403, retryable: false },
  33: { title: "Parameter value is not valid", status: 400, retryable: false },
  100: { title: "Invalid parameter", status: 400, retryable: false },
  104: { title: "An access token is required to request this resource.", status: 400, retryable: false },
  101: { title: "Error validating application. Invalid application ID.", status: 400, retryable: false },
  190: { title: "Invalid OAuth access token - Cannot parse access token", status: 401, retryable: false },
  200: { title: "Permissions error", status: 403, retryable: false },
  368: { title: "Temporarily blocked for policies violations", status: 403, retryable: false },
  2500: { title: "Unknown path components", status: 400, retryable: false },
  80007: { title: "Rate limit issues", status: 429, retryable: true },
  130429: { title: "Rate limit hit", status: 400, retryable: true },
  130472: { title: "User's number is part of an experiment", status: 400, retryable: false },
  131000: { title: "Something went wrong", status: 500, retryable: true },
  131005: { title: "Access denied", status: 403, retryable: false },
  131008: { title: "Required parameter is missing", status: 400, retryable: false },
  131009: { title: "Parameter value is not valid", status: 400, retryable: false },
  131016: { title: "Service unavailable", status: 503, retryable: true },
  131021: { title: "Recipient cannot be sender", status: 400, retryable: false },
  131026: { title: "Message undeliverable", status: 400, retryable: false },
  131062: { title: "Business-scoped User ID recipients are not supported", status: 400, retryable: false },
  131030: { title: "Recipient phone number not in allowed list", status: 400, retryable: false },
  131031: { title: "Account has been locked", status: 400, retryable: false },
  131042: { title: "Business eligibility payment issue", status: 400, retryable: false },
  131045: { title: "Incorrect certificate", status: 400, retryable: false },
  131047: { title: "Re-engagement message", status: 400, retryable: false },
  131048: { title: "Spam rate limit hit", status: 400, retryable: false },
  131049: { title: "Meta chose not to deliver.", status: 400, retryable: false },
  131050: { title: "User has stopped marketing messages", status: 400, retryable: false },
  131051: { title: "Unsupported message type", status: 400, retryable: false },
  131052: { title: "Media download error", status: 400, retryable: false },
  131053: { title: "Media upload error", status: 400, retryable: false },
  131056: { title: "(Business Account, Consumer Account) pair rate limit hit", status: 400, retryable: true },
  131057: { title: "Account in maintenance mode", status: 503, retryable: true },
  132000: {
    title: "Number of parameters does not match the expected number of params",
    status: 400,
    retryable: false,
  },
  132001: { title: "Template name does not exist in the translation", status: 404, retryable: false },
  132005: { title: "Translated text too long", status: 400, retryable: false },
  132007: { title: "Template Format Character Policy Violated", status: 400, retryable: false },
  132012: {
    title: "Parameter format does not match format in the created template",
    status: 400,
    retryable: false,
  },
  132015: { title: "Template is Paused", status: 400, retryable: false },
  132016: { title: "Template is Disabled", status: 400, retryable: false },
  132018: {
    title: "There was an issue with the parameters in your template.",
    status: 400,
    retryable: false,
  },
  133000: { title: "Incomplete Deregistration", status: 400, retryable: false },
  133004: { title: "Server Temporarily Unavailable", status: 503, retryable: true },
  133005: { title: "Two step verification PIN Mismatch", status: 400, retryable: false },
  133006: { title: "Phone number re-verification needed", status: 400, retryable: false },
  133008: { title: "Too Many two step verification PIN Guesses", status: 400, retryable: false },
  133010: { title: "Phone number Not Registered", status: 400, retryable: false },
  133015: {
    title: "Please wait a few minutes before attempting to register this phone number",
    status: 400,
    retryable: true,
  },
  133016: { title: "Account register deregister rate limit exceeded", status: 400, retryable: false },
  135000: { title: "Generic user error", status: 400, retryable: false },
} as const satisfies Record<number, { title: string; status: number; retryable: boolean }>;

export type MetaErrorCode = keyof typeof META_ERRORS;

/** Graph's error envelope, exactly the keys Meta sends. */
export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_data?: { messaging_product: "whatsapp"; details: string };
    error_user_title?: string;
    error_user_msg?: string;
    is_transient?: boolean;
    fbtrace_id: string;
  };
}

export interface MetaErrorOptions {
  details?: string;
  /** Replaces the title in `message` (Graph auth errors have their own wording). */
  message?: string;
  subcode?: number;
  type?: "OAuthException" | "GraphMethodException";
  /** Graph's OAuth/debug endpoints answer without `error_data`. */
  withoutErrorData?: boolean;
  /** The words Meta shows a person (`error_user_title`, `error_user_msg`), as template management errors carry. */
  userTitle?: string;
  userMessage?: string;
}

/** Thrown by route code; the Graph plugin's error handler renders it as Meta would. */
export class MetaError extends Error {
  readonly code: MetaErrorCode;
  readonly options: MetaErrorOptions;
  constructor(code: MetaErrorCode, options: MetaErrorOptions = {}) {
    super(options.message ?? META_ERRORS[code].title);
    this.code = code;
    this.options = options;
  }

  get status(): number {
    return META_ERRORS[this.code].status;
  }

  toBody(): GraphErrorBody {
    return buildErrorBody(this.code, this.options);
  }
}

export function buildErrorBody(code: MetaErrorCode, options: MetaErrorOptions = {}): GraphErrorBody {
  const entry = META_ERRORS[code];
  const text = options.message ?? entry.title;
  const body: GraphErrorBody = {
    error: {
      message: text.startsWith("(#") || options.message ? text : `(#${code}) ${text}`,
      type: options.type ?? "OAuthException",
      code,
      fbtrace_id: newFbtraceId(),
    },
  };
  if (options.subcode !== undefined) body.error.error_subcode = options.subcode;
  if (options.userTitle) body.error.error_user_title = options.userTitle;
  if (options.userMessage) body.error.error_user_msg = options.userMessage;
  if (!options.withoutErrorData) {
    body.error.error_data = { messaging_product: "whatsapp", details: options.details ?? entry.title };
  }
  if (entry.retryable) body.error.is_transient = true;
  return body;
}

/** The shape errors take inside webhooks (statuses[].errors[], messages[].errors[]): no type or trace. */
export function webhookError(code: MetaErrorCode, details?: string) {
  const title = META_ERRORS[code].title;
  return {
    code,
    title,
    message: title,
    error_data: { details: details ?? title },
    href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
  };
}

export function isMetaErrorCode(code: number): code is MetaErrorCode {
  return Object.hasOwn(META_ERRORS, code);
}
