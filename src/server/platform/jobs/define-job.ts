import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Logger } from "../logger";

export interface RetryPolicy {
  /** Attempts after the first one. */
  limit: number;
  delaySeconds: number;
  backoff: boolean;
}

export interface JobContext<Deps> {
  jobId: string;
  log: Logger;
  deps: Deps;
  /** 0 on the first attempt. */
  retryCount: number;
  /** True when a failure now is final (no retry left): the handler records the outcome itself. */
  isLastAttempt: boolean;
}

/** One fetched job of a batch. */
export interface BatchItem<Payload> {
  jobId: string;
  payload: Payload;
  retryCount: number;
  isLastAttempt: boolean;
}

export interface BatchContext<Deps> {
  log: Logger;
  deps: Deps;
  /**
   * Lets the worker fetch the next batch before this one ends. While `batchesPreparing` batches
   * have not called it (nor ended), no further batch is fetched: a batch that waits for its
   * rate-limit slots says when the next one may reserve the slots that follow.
   */
  readyForNext(): void;
}

/**
 * What enqueuing a job needs: its name and payload schema. Code that enqueues a job imports its
 * reference only, so a request-path service never loads the worker's code.
 */
export interface JobReference<Schema extends z.ZodType> {
  name: string;
  schema: Schema;
}

/** A stable job id (UUID-shaped) for these parts: the same parts give the same id. */
export function jobIdOf(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function jobReference<Schema extends z.ZodType>(name: string, schema: Schema): JobReference<Schema> {
  return { name, schema };
}

/** A job is data: its reference, the handler and its retry policy, in one file. */
export interface JobDefinition<Schema extends z.ZodType, Deps> extends JobReference<Schema> {
  retry: RetryPolicy;
  /** Seconds a running attempt may take before pg-boss counts it as failed. */
  expireInSeconds?: number;
  /** Cron expression (UTC) when the job also runs on a schedule. */
  schedule?: string;
  /** Jobs fetched at once and run in parallel by one worker loop (default 1). */
  batchSize?: number;
  handler(payload: z.infer<Schema>, ctx: JobContext<Deps>): Promise<void>;
  /**
   * When set, the worker hands each fetch of up to `batchSize` jobs to this one call instead of
   * running `handler` per job, so the work can share its round trips. It returns the attempts
   * that failed (by job id; each is retried under the policy on its own); every other job of the
   * batch is completed in one call.
   */
  handleBatch?(items: BatchItem<z.infer<Schema>>[], ctx: BatchContext<Deps>): Promise<Map<string, Error>>;
  /** At most this many batches running at once (with `handleBatch`; default 1). */
  batchesInFlight?: number;
  /** At most this many batches between their fetch and their `readyForNext` at once (default 1). */
  batchesPreparing?: number;
}

export function defineJob<Schema extends z.ZodType, Deps>(
  definition: JobDefinition<Schema, Deps>,
): JobDefinition<Schema, Deps> {
  return definition;
}
