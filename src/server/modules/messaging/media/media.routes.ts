import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../../accounts/auth.hook";
import { MEDIA_KINDS } from "./media-kinds";
import { uploadMedia } from "./media-upload.service";

const LARGEST = Math.max(...Object.values(MEDIA_KINDS).map((k) => k.maxBytes));

export const UploadedMediaResponse = z.object({
  id: z.uuid(),
  kind: z.enum(["image", "video", "audio", "document", "sticker"]),
  mimeType: z.string(),
  sizeBytes: z.number(),
  filename: z.string().nullable(),
});

/** `POST /api/media`: the file's bytes as the body, its type as Content-Type (no multipart needed). */
export const mediaUploadRoutes: FastifyPluginAsyncZod = async (app) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: LARGEST }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    "/api/media",
    {
      bodyLimit: LARGEST,
      schema: {
        tags: ["messages"],
        summary: "Upload a file to send (body: the bytes; Content-Type: its type; ?filename=)",
        querystring: z.object({ filename: z.string().max(200).optional() }),
        response: { 201: UploadedMediaResponse },
      },
      config: { auth: { scope: "messages:send" } },
    },
    async (request, reply) => {
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const { media, kind } = await uploadMedia(contextOf(request), {
        bytes,
        mimeType: request.headers["content-type"] ?? "application/octet-stream",
        filename: request.query.filename ?? null,
      });
      return reply.status(201).send({
        id: media.id,
        kind,
        mimeType: media.mimeType ?? "",
        sizeBytes: media.sizeBytes ?? 0,
        filename: media.filename,
      });
    },
  );
};
