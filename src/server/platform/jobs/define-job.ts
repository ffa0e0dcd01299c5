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

/** A job is data: its name, the payload schema, the handler and its retry policy, in one file. */
export interface JobDefinition<Schema extends z.ZodType, Deps> {
  name: string;
  schema: Schema;
  retry: RetryPolicy;
  /** Seconds a running attempt may take before pg-boss counts it as failed. */
  expireInSeconds?: number;
  /** Cron expression (UTC) when the job also runs on a schedule. */
  schedule?: string;
  /** Jobs fetched at once and run in parallel by one worker loop (default 1). */
  batchSize?: number;
  handler(payload: z.infer<Schema>, ctx: JobContext<Deps>): Promise<void>;
}

export function defineJob<Schema extends z.ZodType, Deps>(
  definition: JobDefinition<Schema, Deps>,
): JobDefinition<Schema, Deps> {
  return definition;
}
