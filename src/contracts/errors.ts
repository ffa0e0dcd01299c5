import { z } from "zod";

export { ErrorCode } from "./constants";

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export { CSRF_HEADER } from "./constants";
