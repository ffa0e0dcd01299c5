import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { reserveIds } from "./ids";

/** Everything the simulated Meta knows. Plain JSON so it can be written to `dataFile` as is. */
export interface SimState {
  version: 1;
  /** The demo Facebook user; `locale` (Facebook's language setting) is the signup dialog's language. */
  facebookUser: { id: string; name: string; email: string; locale?: string };
  businesses: Business[];
  wabas: Waba[];
  phoneNumbers: PhoneNumber[];
  tokens: AccessTokenRecord[];
  codes: SignupCode[];
  templates: Template[];
  candidates: Candidate[];
  /** Key `${phoneNumberId}:${waId}` → last time the candidate wrote (opens the 24 h window). */
  windows: Record<string, number>;
  messages: LoggedMessage[];
  sent: SentRecord[];
  media: MediaObject[];
  /**
   * Users each business portfolio reached with business-initiated messages (templates outside the
   * window): business id → wa_id → when first reached in the moving 24 h, for the messaging limit.
   */
  reachedUsers?: Record<string, Record<string, number>>;
  /**
   * Status webhooks due for accepted sends (and media links still to fetch), so that a restart
   * of a simulator with a `dataFile` sends them all the same.
   */
  pendingStatuses?: PendingStatus[];
  /** Resumable upload sessions (`POST /{app-id}/uploads`), and the handles they gave. */
  uploads: UploadSession[];
}

export interface Business {
  id: string;
  name: string;
  verified: boolean;
  /** A portfolio Meta blocks from onboarding: the signup dialog ends in its error screen. */
  restricted: boolean;
  /** Not the demo user's: absent from the signup dialog, reached with a system-user token only (LinkoJob's own). */
  systemUserOnly?: boolean;
}

export interface Subscription {
  appId: string;
  overrideCallbackUri: string | null;
  verifyToken: string | null;
}

export interface Waba {
  id: string;
  businessId: string;
  name: string;
  currency: string;
  timezoneId: string;
  subscribedApps: Subscription[];
  /**
   * Set while the account has no valid payment method in Meta's Billing Hub: its `health_status`
   * says so (141006) and its paid messages fail with 131042. Absent means valid.
   */
  paymentMethodInvalid?: boolean;
}

export interface PhoneNumber {
  id: string;
  wabaId: string;
  /** Formatted as Graph shows it: `+212 6 61 23 45 67`. */
  displayPhoneNumber: string;
  verifiedName: string;
  nameStatus: "APPROVED" | "AVAILABLE_WITHOUT_REVIEW" | "PENDING_REVIEW" | "DECLINED" | "NONE";
  qualityRating: "GREEN" | "YELLOW" | "RED" | "UNKNOWN";
  codeVerificationStatus: "VERIFIED" | "NOT_VERIFIED" | "EXPIRED";
  registered: boolean;
  /** Two-step verification PIN once set by a first registration. */
  pin: string | null;
  /** Epoch ms of register/deregister calls, for the 10-per-72-hours limit. */
  registrationAttempts: number[];
  messagingLimitTier: string;
  throughputLevel: "STANDARD" | "HIGH" | "NOT_APPLICABLE";
  /**
   * A test number's allowed recipients (Meta's test numbers write only to the up to 5 numbers
   * listed in the app dashboard): anyone else gets 131030. Absent: no list.
   */
  allowedRecipients?: string[] | null;
  /** Meta's spam rate limit is on for this number (users blocked or reported it): sends fail with 131048. */
  spamRateLimited?: boolean;
  /** Onboarded as a WhatsApp Business app number (coexistence): the app keeps working beside the API. */
  onBusinessApp?: boolean;
  /** The app data the partner asked for (`POST /{phone}/smb_app_data`), each type once. */
  appDataSyncs?: { syncType: string; requestId: string; at: number }[];
  /** A display name submitted for review (`POST /{phone}` with `new_display_name`), until decided. */
  requestedName?: string | null;
}

export interface AccessTokenRecord {
  token: string;
  type: "SYSTEM_USER" | "USER";
  appId: string;
  userId: string;
  /** Assets the token may act on, per scope (Meta's `granular_scopes`). */
  granularScopes: { scope: string; target_ids: string[] }[];
  scopes: string[];
  issuedAt: number;
  /** Epoch ms; 0 = never expires. */
  expiresAt: number;
  valid: boolean;
  invalidReason?: "expired" | "password_changed" | "app_uninstalled" | "logged_out" | "revoked";
}

export interface SignupCode {
  code: string;
  createdAt: number;
  used: boolean;
  businessId: string;
  wabaId: string;
  phoneNumberId: string | null;
  /** Set for the redirect dialog: the exchange must repeat it. Null for JS SDK popups. */
  redirectUri: string | null;
}

export type TemplateStatus =
  | "APPROVED"
  | "PENDING"
  | "REJECTED"
  | "PAUSED"
  | "DISABLED"
  | "IN_APPEAL"
  | "PENDING_DELETION"
  | "DELETED";

export interface TemplateButton {
  type: "QUICK_REPLY" | "URL" | "PHONE_NUMBER" | "COPY_CODE" | "FLOW" | "CATALOG" | "OTP";
  text: string;
  url?: string;
  phone_number?: string;
  example?: string[];
  [key: string]: unknown;
}

export interface TemplateComponent {
  type: "HEADER" | "BODY" | "FOOTER" | "BUTTONS";
  format?: "TEXT" | "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION";
  text?: string;
  buttons?: TemplateButton[];
  example?: Record<string, unknown>;
}

export interface Template {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  category: "MARKETING" | "UTILITY" | "AUTHENTICATION";
  status: TemplateStatus;
  parameterFormat: "POSITIONAL" | "NAMED";
  components: TemplateComponent[];
  rejectedReason: string;
  createdAt: number;
  /** GREEN / YELLOW / RED / UNKNOWN, as the quality webhooks last said. */
  qualityScore?: string;
  /** Epoch ms of the edits made while approved (Meta's 1 per 24 h and 10 per 30 days). */
  approvedEdits?: number[];
  /** Created from Meta's template library (approved at once). */
  libraryTemplateName?: string;
  /** Template pacing: what a send's `message_status` says instead of `accepted`. */
  pacing?: "held_for_quality_assessment" | "paused";
}

/** A resumable upload: the session, then the bytes, then a handle templates name in `header_handle`. */
export interface UploadSession {
  id: string;
  appId: string;
  fileName: string;
  fileLength: number;
  fileType: string;
  /** Bytes received so far (the `file_offset` a resumed upload starts from). */
  offset: number;
  dataBase64: string;
  /** Set once every byte arrived. */
  handle: string | null;
  createdAt: number;
}

export interface Candidate {
  waId: string;
  profileName: string;
  /** Not on WhatsApp / old app: sends to them fail with 131026 in a status webhook. */
  undeliverable: boolean;
  /** Sent STOP to marketing: marketing templates fail with 131050. */
  stoppedMarketing: boolean;
  /** Business-scoped user id (BSUID, `CC.<alphanumerics>`), in webhooks as `user_id`; a new one after a number change. */
  userId?: string;
  /** The WhatsApp username the candidate adopted, in webhooks as `contacts[].profile.username`. */
  username?: string;
  /** The number is withheld: webhooks carry no `from`/`wa_id`, only the BSUID (and username). */
  hidesPhone?: boolean;
  /** Meta holds back marketing templates to this user (131049, "healthy ecosystem engagement"). */
  ecosystemLimited?: boolean;
}

/** A status webhook still to send for an accepted message, or (`fetch`) its media links still to fetch. */
export interface PendingStatus {
  messageId: string;
  phoneNumberId: string;
  status: "sent" | "delivered" | "read" | "failed" | "fetch";
  /** Simulated epoch ms it is due at. */
  dueAt: number;
  apiVersionMajor: number;
  templateCategory: string | null;
  inWindow: boolean;
  bizOpaqueCallbackData?: string;
  failure: { code: number; details?: string } | null;
  /** `fetch` only: the links Meta fetches before it delivers. */
  links?: { kind: string; link: string }[];
}

export type DeliveryStatus = "accepted" | "sent" | "delivered" | "read" | "failed";

/** A message in a simulated chat, as the candidate's phone sees it. */
export interface LoggedMessage {
  id: string;
  direction: "in" | "out";
  phoneNumberId: string;
  waId: string;
  type: string;
  /** `out`: the body the product posted. `in`: the webhook `messages[]` item. */
  payload: Record<string, unknown>;
  /** Rendered text for the phone page (template hydrated, caption, etc.). */
  preview: string;
  timestamp: number;
  status: DeliveryStatus;
}

/** One call the product made to `POST /{phone-number-id}/messages`, accepted or not. */
export interface SentRecord {
  at: number;
  apiVersion: string;
  phoneNumberId: string;
  body: unknown;
  responseStatus: number;
  response: unknown;
}

export interface MediaObject {
  id: string;
  wabaId: string;
  phoneNumberId: string;
  mimeType: string;
  sha256: string;
  fileSize: number;
  filename: string | null;
  dataBase64: string;
  createdAt: number;
}

export function emptyState(): SimState {
  return {
    version: 1,
    facebookUser: {
      id: "100089123456789",
      name: "Salma Benali",
      email: "salma.benali@example.ma",
      locale: "fr_FR",
    },
    businesses: [],
    wabas: [],
    phoneNumbers: [],
    tokens: [],
    codes: [],
    templates: [],
    candidates: [],
    windows: {},
    messages: [],
    sent: [],
    media: [],
    uploads: [],
  };
}

/** Loads a state file written by `saveState`, or null when there is none yet. */
export function loadState(file: string): SimState | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const state = JSON.parse(text) as SimState;
  // Files written before uploads existed.
  state.uploads ??= [];
  reserveIds([
    ...state.businesses.map((b) => b.id),
    ...state.wabas.map((w) => w.id),
    ...state.phoneNumbers.map((p) => p.id),
    ...state.templates.map((t) => t.id),
    ...state.media.map((m) => m.id),
  ]);
  return state;
}

/** Writes atomically (temp file + rename) so a crash mid-write never leaves half a file. */
export function saveState(file: string, state: SimState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}

export const windowKey = (phoneNumberId: string, waId: string) => `${phoneNumberId}:${waId}`;

/** Digits of a formatted number, the form webhooks use in `metadata.display_phone_number`. */
export const digitsOf = (phone: string) => phone.replace(/\D/g, "");
