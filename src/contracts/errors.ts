import { z } from "zod";
import { ERROR_CODES } from "./constants";

export { CSRF_HEADER, ERROR_CODES, ERROR_STATUS, ErrorCode } from "./constants";

export const ErrorResponse = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
