import type { SimContext } from "../context";
import { MetaError } from "../errors";
import { newObjectId, sha256Base64 } from "../ids";
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

/** File types the resumable upload takes for template header samples. */
const UPLOAD_TYPES = ["application/pdf", "image/jpeg", "image/jpg", "image/png", "video/mp4"];
const UPLOAD_MAX_BYTES = 100 * 1024 * 1024;

/**
 * Meta's resumable upload, which gives the handles templates name as header samples:
 * `POST /{app-id}/uploads?file_name&file_length&file_type` opens a session (`{id: "upload:…"}`),
 * `POST /upload:…` with `Authorization: OAuth <token>`, `file_offset` and the bytes answers
 * `{h: handle}` once every byte arrived, `GET /upload:…` tells where to resume (`file_offset`).
 */
export function registerUploadRoutes(registry: GraphRegistry, ctx: SimContext): void {
  registry.on("app", "uploads", "POST", async ({ req, node }) => {
    authenticate(ctx, req);
    const p = graphParams(req);
    const fileLength = Number(p.file_length);
    const fileType = typeof p.file_type === "string" ? p.file_type : "";
    if (!Number.isInteger(fileLength) || fileLength <= 0) throw missing("file_length");
    if (fileLength > UPLOAD_MAX_BYTES) {
      throw new MetaError(100, { details: `file_length is larger than ${UPLOAD_MAX_BYTES} bytes.` });
    }
    if (!UPLOAD_TYPES.includes(fileType)) {
      throw new MetaError(100, {
        details: `Param file_type must be one of ${UPLOAD_TYPES.join(", ")}; got ${fileType || "nothing"}.`,
      });
    }
    const session = {
      id: `upload:${newObjectId()}`,
      appId: node.id,
      fileName: typeof p.file_name === "string" ? p.file_name : "file",
      fileLength,
      fileType,
      offset: 0,
      dataBase64: "",
      handle: null,
      createdAt: ctx.clock.now(),
    };
    ctx.state.uploads.push(session);
    ctx.persist();
    return { id: session.id };
  });

  registry.on("upload", null, "GET", async ({ req, node }) => {
    authenticate(ctx, req);
    return { id: node.upload.id, file_offset: node.upload.offset };
  });

  registry.on("upload", null, "POST", async ({ req, node }) => {
    authenticate(ctx, req);
    const { upload } = node;
    const offset = Number(req.headers.file_offset ?? 0);
    if (offset !== upload.offset) {
      throw new MetaError(100, {
        details: `file_offset ${offset} does not match the ${upload.offset} bytes already received.`,
      });
    }
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const data = Buffer.concat([Buffer.from(upload.dataBase64, "base64"), bytes]);
    if (data.length > upload.fileLength) {
      throw new MetaError(100, { details: "More bytes than the session's file_length." });
    }
    upload.dataBase64 = data.toString("base64");
    upload.offset = data.length;
    if (upload.offset === upload.fileLength && !upload.handle) {
      upload.handle = `4::${Buffer.from(upload.fileType).toString("base64")}:${sha256Base64(data)
        .replace(/[^A-Za-z0-9]/g, "")
        .slice(0, 32)}${newObjectId()}`;
    }
    ctx.persist();
    if (!upload.handle) return { id: upload.id, file_offset: upload.offset };
    return { h: upload.handle };
  });
}
