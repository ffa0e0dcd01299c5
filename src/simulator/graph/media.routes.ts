import type { SimContext } from "../context";
import { MetaError } from "../errors";
import { baseMime, MEDIA_LIMITS, mediaUrl, storeMedia } from "../media-store";
import { authenticate, MESSAGING, requireWabaAccess, unsupportedRequest } from "./auth";
import { parseMultipart } from "./multipart";
import { graphParams } from "./params";
import type { GraphRegistry } from "./registry";
import { missing } from "./validate-send";

/** Media upload, lookup (`GET /{media-id}` gives a short-lived URL) and delete. */
export function registerMediaRoutes(registry: GraphRegistry, ctx: SimContext): void {
  registry.on("phone", "media", "POST", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.phone.wabaId, MESSAGING, node.id, "POST");
    const contentType = String(req.headers["content-type"] ?? "");
    const parts = Buffer.isBuffer(req.body) ? parseMultipart(req.body, contentType) : [];
    const field = (name: string) => parts.find((p) => p.name === name);
    if (field("messaging_product")?.data.toString() !== "whatsapp") throw missing("messaging_product");
    const file = field("file");
    if (!file || file.data.length === 0) throw missing("file");
    const mimeType = field("type")?.data.toString().trim() || file.contentType || "application/octet-stream";
    const limit = MEDIA_LIMITS[baseMime(mimeType)];
    if (!limit) {
      throw new MetaError(131053, {
        details: `Param file must be a file with one of the supported types; got ${mimeType}.`,
      });
    }
    if (file.data.length > limit.maxBytes) {
      throw new MetaError(131053, {
        details: `The ${limit.kind} file is larger than ${limit.maxBytes} bytes.`,
      });
    }
    const media = storeMedia(ctx, {
      wabaId: node.phone.wabaId,
      phoneNumberId: node.phone.id,
      mimeType,
      bytes: file.data,
      filename: file.filename,
    });
    return { id: media.id };
  });

  registry.on("media", null, "GET", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.media.wabaId, MESSAGING, node.id, "GET");
    const guard = graphParams(req).phone_number_id;
    if (typeof guard === "string" && guard !== node.media.phoneNumberId) {
      throw new MetaError(100, {
        details: "The media does not belong to the phone number given in phone_number_id.",
      });
    }
    const failure = ctx.faults.failMedia.shift();
    if (failure?.code === 100 && !failure.details) throw unsupportedRequest(node.id, "GET");
    if (failure) throw new MetaError(failure.code, failure.details ? { details: failure.details } : {});
    const { media } = node;
    return {
      messaging_product: "whatsapp",
      url: mediaUrl(ctx, media, `${req.protocol}://${req.host}`),
      mime_type: media.mimeType,
      sha256: media.sha256,
      file_size: String(media.fileSize),
      id: media.id,
    };
  });

  registry.on("media", null, "DELETE", async ({ req, node }) => {
    requireWabaAccess(authenticate(ctx, req), node.media.wabaId, MESSAGING, node.id, "DELETE");
    ctx.state.media = ctx.state.media.filter((m) => m.id !== node.media.id);
    ctx.persist();
    return { success: true };
  });
}
