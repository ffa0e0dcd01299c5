import { type ErrorReaction, reactionTo } from "./meta-errors";

/** A failed Graph API call, with Meta's code and details kept for the recruiter and the logs. */
export class GraphError extends Error {
  override name = "GraphError";
  readonly reaction: ErrorReaction;

  constructor(
    message: string,
    readonly details: {
      httpStatus?: number;
      code?: number;
      subcode?: number;
      title?: string;
      detail?: string;
      /** The words Meta wrote for a person (`error_user_title`, `error_user_msg`), as template errors carry. */
      userTitle?: string;
      userMessage?: string;
      fbtraceId?: string;
      /** The call that failed, without its query string (which may carry secrets). */
      endpoint: string;
    },
  ) {
    super(message);
    this.reaction = reactionTo(details.code, details.httpStatus);
  }

  get code(): number | undefined {
    return this.details.code;
  }
}

interface MetaErrorBody {
  error?: {
    message?: string;
    code?: number;
    error_subcode?: number;
    error_user_title?: string;
    error_user_msg?: string;
    error_data?: { details?: string } | string;
    fbtrace_id?: string;
  };
}

/** Reads Meta's error envelope (tolerating `error_data` as a string, and non-JSON bodies). */
export function graphErrorFrom(httpStatus: number, body: unknown, endpoint: string): GraphError {
  const error = (body as MetaErrorBody | undefined)?.error;
  if (!error) return new GraphError(`Graph API answered HTTP ${httpStatus}`, { httpStatus, endpoint });
  const data = error.error_data;
  const detail = typeof data === "string" ? data : data?.details;
  const title = error.message?.replace(/^\(#\d+\)\s*/, "") ?? error.error_user_title;
  return new GraphError(
    `(#${error.code ?? "?"}) ${title ?? "Graph API error"}${detail ? `: ${detail}` : ""}`,
    {
      httpStatus,
      code: error.code,
      subcode: error.error_subcode,
      title,
      detail,
      ...(error.error_user_title ? { userTitle: error.error_user_title } : {}),
      ...(error.error_user_msg ? { userMessage: error.error_user_msg } : {}),
      fbtraceId: error.fbtrace_id,
      endpoint,
    },
  );
}
