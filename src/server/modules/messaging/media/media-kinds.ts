/** What WhatsApp accepts per kind of file (meta-platform.md §5), with the size limits. */
export const MEDIA_KINDS = {
  image: { types: ["image/jpeg", "image/png"], maxBytes: 5 * 1024 * 1024 },
  video: { types: ["video/mp4", "video/3gpp"], maxBytes: 16 * 1024 * 1024 },
  audio: {
    types: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"],
    maxBytes: 16 * 1024 * 1024,
  },
  document: {
    types: [
      "application/pdf",
      "text/plain",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ],
    maxBytes: 100 * 1024 * 1024,
  },
  sticker: { types: ["image/webp"], maxBytes: 500 * 1024 },
} as const;

export type MediaKind = keyof typeof MEDIA_KINDS;

/** The kind a MIME type belongs to (its parameters, like `; codecs=opus`, aside), or null. */
export function kindOfMime(mimeType: string): MediaKind | null {
  const bare = mimeType.split(";")[0]!.trim().toLowerCase();
  for (const [kind, spec] of Object.entries(MEDIA_KINDS)) {
    if ((spec.types as readonly string[]).includes(bare)) return kind as MediaKind;
  }
  return null;
}
