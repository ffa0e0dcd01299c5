import { z } from "zod";

/**
 * The `Idempotency-Key` header of the API's creating calls (a send, an operator's new client or
 * user): a retried call with the same key answers what the first did and creates nothing more.
 */
export const IdempotencyKeyHeaders = z
  .object({
    "idempotency-key": z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe("Retrying with the same key returns the first result instead of creating another"),
  })
  .passthrough();
