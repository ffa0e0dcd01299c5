import type { MetaErrorCode } from "../errors";

type Obj = Record<string, unknown>;
const MB = 1024 * 1024;

/**
 * What Meta takes per kind of media (media page, "Supported media types"): MIME types and size.
 * A `link` whose answer is not one of these fails the message with 131053 after it was accepted.
 */
export const LINK_MEDIA_RULES: Record<string, { types: string[]; maxBytes: number; label: string }> = {
  image: { types: ["image/jpeg", "image/png"], maxBytes: 5 * MB, label: "Image" },
  video: { types: ["video/mp4", "video/3gpp"], maxBytes: 16 * MB, label: "Video" },
  audio: {
    types: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"],
    maxBytes: 16 * MB,
    label: "Audio",
  },
  document: {
    types: [
      "text/plain",
      "application/pdf",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ],
    maxBytes: 100 * MB,
    label: "Document",
  },
  sticker: { types: ["image/webp"], maxBytes: 500 * 1024, label: "Sticker" },
};

export interface MediaLink {
  kind: string;
  link: string;
}

/** The links a send asks Meta to fetch: a media message's, or a template header's parameter. */
export function mediaLinksOf(type: string, body: Obj): MediaLink[] {
  const linkOf = (kind: string, media: unknown): MediaLink[] => {
    const link = (media as Obj | null)?.link;
    return typeof link === "string" && LINK_MEDIA_RULES[kind] ? [{ kind, link }] : [];
  };
  if (type in LINK_MEDIA_RULES) return linkOf(type, body[type]);
  if (type !== "template") return [];
  const components = (body.template as Obj | undefined)?.components;
  if (!Array.isArray(components)) return [];
  return components.flatMap(
    (component) =>
      ((component as Obj).parameters as Obj[] | undefined)?.flatMap((p) =>
        typeof p?.type === "string" ? linkOf(p.type, p[p.type]) : [],
      ) ?? [],
  );
}

export type LinkFailure = { code: MetaErrorCode; details: string };

const failure = (details: string): LinkFailure => ({ code: 131053, details });

/**
 * Fetches one link as Meta's media fetcher does after accepting the send: unreachable, an error
 * status, a type WhatsApp does not take for that kind, or a file over its limit → 131053 with
 * the reason in `details` (Meta's wording where issues quote it: "Downloading media from weblink
 * failed with http code 503, status message Service Unavailable"). Reads at most the limit plus one
 * byte, whatever the server announces.
 */
export async function fetchMediaLink(item: MediaLink, timeoutMs: number): Promise<LinkFailure | null> {
  const rule = LINK_MEDIA_RULES[item.kind];
  if (!rule) return null;
  let url: URL;
  try {
    url = new URL(item.link);
  } catch {
    return failure(`Downloading media from weblink failed: ${item.link} is not a valid URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return failure(`Downloading media from weblink failed: unsupported scheme ${url.protocol}`);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
  } catch (error) {
    const reason =
      error instanceof Error && error.name === "TimeoutError" ? "timed out" : "could not connect";
    return failure(`Downloading media from weblink failed: ${reason}.`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    return failure(
      `Downloading media from weblink failed with http code ${response.status}, status message ${response.statusText || "Error"}`,
    );
  }
  const mime = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!rule.types.includes(mime)) {
    await response.body?.cancel();
    return failure(
      `Unsupported ${rule.label} mime type ${mime || "(none)"}. Please use one of ${rule.types.join(", ")}.`,
    );
  }
  const tooBig = failure(
    `Media file size too big. Max file size we currently support: ${Math.round(rule.maxBytes / 1024)} KB.`,
  );
  if (Number(response.headers.get("content-length") ?? 0) > rule.maxBytes) {
    await response.body?.cancel();
    return tooBig;
  }
  let size = 0;
  const reader = response.body?.getReader();
  try {
    for (let part = await reader?.read(); part && !part.done; part = await reader?.read()) {
      size += part.value.byteLength;
      if (size > rule.maxBytes) {
        await reader?.cancel().catch(() => {});
        return tooBig;
      }
    }
  } catch {
    return failure("Downloading media from weblink failed: the connection was closed.");
  }
  if (size === 0) return failure("Downloading media from weblink failed: the file is empty.");
  return null;
}

/** The first failure among a send's links (Meta fails the message on the first it cannot use). */
export async function fetchMediaLinks(links: MediaLink[], timeoutMs: number): Promise<LinkFailure | null> {
  for (const link of links) {
    const failed = await fetchMediaLink(link, timeoutMs);
    if (failed) return failed;
  }
  return null;
}
