import { ErrorCode } from "../../../contracts/errors";
import type { TemplateMediaHeaderFormat } from "../../../contracts/template-rules";
import type { TemplateMediaResponse } from "../../../contracts/templates";
import { AppError, validationFailed } from "../../platform/errors";
import { GraphError } from "../../platform/graph/graph-error";
import type { RequestContext } from "../context";
import { activeConnection, metaWords } from "./templates.service";

/** What Meta's resumable upload takes as a header sample, by header format (meta-platform.md §5, §6). */
const SAMPLE_KINDS: Record<string, { format: TemplateMediaHeaderFormat; maxBytes: number }> = {
  "image/jpeg": { format: "IMAGE", maxBytes: 5 * 1024 * 1024 },
  "image/png": { format: "IMAGE", maxBytes: 5 * 1024 * 1024 },
  "video/mp4": { format: "VIDEO", maxBytes: 16 * 1024 * 1024 },
  "application/pdf": { format: "DOCUMENT", maxBytes: 100 * 1024 * 1024 },
};
export const TEMPLATE_SAMPLE_MAX_BYTES = 100 * 1024 * 1024;

/**
 * Uploads the sample a media header is reviewed with, through Meta's resumable upload, and returns
 * the handle the draft's header names. Nothing is kept here: the handle is all a template needs.
 */
export async function uploadTemplateSample(
  ctx: RequestContext,
  connectionId: string,
  file: { bytes: Buffer; mimeType: string; filename: string | null },
): Promise<TemplateMediaResponse> {
  const mimeType = file.mimeType.split(";")[0]?.trim().toLowerCase() ?? "";
  const kind = SAMPLE_KINDS[mimeType];
  if (!kind) {
    throw validationFailed(
      "headers.content-type",
      `A header sample is a JPEG or PNG image, an MP4 video or a PDF document, not ${mimeType || "this file"}`,
    );
  }
  if (file.bytes.length === 0) throw validationFailed("body", "the file is empty");
  if (file.bytes.length > kind.maxBytes) {
    throw new AppError(
      ErrorCode.payloadTooLarge,
      `WhatsApp accepts ${kind.format.toLowerCase()} samples up to ${Math.round(kind.maxBytes / 1024 / 1024)} MB`,
    );
  }
  const { token } = await activeConnection(ctx, connectionId);
  try {
    const handle = await ctx.deps.graph.uploadTemplateSample(token, {
      bytes: file.bytes,
      mimeType,
      filename: file.filename ?? `sample.${mimeType.split("/")[1]}`,
    });
    return { handle, format: kind.format, mimeType, sizeBytes: file.bytes.length };
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    throw new AppError(ErrorCode.metaError, `WhatsApp refused the sample: ${metaWords(error)}`, {
      metaCode: error.code ?? null,
    });
  }
}
