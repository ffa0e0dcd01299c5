import type { Clock } from "./clock";
import type { MetaErrorCode } from "./errors";
import type { CallLimitSettings } from "./graph/call-limits";
import type { TemplateReviewSettings } from "./graph/template-review";
import type { ResolvedOptions } from "./options";
import type { SimState } from "./state";
import type { WebhookSender } from "./webhooks/sender";

/** A failure queued by the control API for the next sends. */
export interface QueuedFailure {
  code: MetaErrorCode;
  details: string | null;
  /** true: the send is accepted and a `failed` status webhook carries the error (like 131026). */
  async: boolean;
}

export interface Faults {
  failNext: QueuedFailure[];
  /** The next media lookups fail with these errors (100: the file is gone, as for an expired media id). */
  failMedia: { code: MetaErrorCode; details: string | null }[];
  /** `error`: Graph answers 5xx; `timeout`: Graph never answers until the outage ends. */
  outage: { mode: "off" | "error" | "timeout"; code: MetaErrorCode };
  throughputPerSecond: number;
  /** The portfolio's messaging limit refuses new unique users past its tier, with this code. */
  dailyLimit: { enforce: boolean; code: MetaErrorCode };
}

/** What every part of the simulator shares. Built once by `createSimulator`. */
export interface SimContext {
  options: ResolvedOptions;
  state: SimState;
  clock: Clock;
  faults: Faults;
  webhooks: WebhookSender;
  /** Set by `close()`: work still in flight (a media link being fetched) then stops. */
  closed: boolean;
  /** Marks the state dirty; it is written to `dataFile` shortly after (no-op in memory). */
  persist(): void;
  /** Absolute base of the simulator (`<origin>/simulator`), from `publicUrl` or the request. */
  baseUrl(requestOrigin?: string): string;
  /** The app's "Require App Secret" setting: Graph calls with a user or business token need `appsecret_proof`. */
  appSecretProof: { required: boolean };
  /** Graph's call-rate limits (error 4 for the app, 80007 per WABA); off until the control API sets them. */
  callLimits: CallLimitSettings;
  /** Refills every rate-limit bucket (reset). Set by the Graph plugin. */
  resetLimits(): void;
  /** How Meta's review decides and how long it takes (the control API changes it; reset restores it). */
  templateReview: TemplateReviewSettings;
  /** Reviews a pending template after `templateReview.delayMs`, by its rules. */
  scheduleTemplateReview(templateId: string): void;
}
