import { describe, expect, it } from "vitest";
import type { MessageResponse } from "../api";
import { withLiveMedia } from "./lightbox-items";
import { LOCAL_PREFIX } from "./message-pages";

const message = (id: string, minute: number, type = "image", status = "stored"): MessageResponse =>
  ({
    id,
    conversationId: "c",
    direction: "inbound",
    type,
    content:
      type === "text"
        ? { type: "text", body: "Bonjour" }
        : {
            type,
            media: { id: `m-${id}`, mimeType: null, filename: null, caption: null, sizeBytes: null, status },
          },
    occurredAt: `2026-03-01T09:${String(minute).padStart(2, "0")}:00.000Z`,
  }) as MessageResponse;

const ids = (items: MessageResponse[]) => items.map((item) => item.id);

describe("the lightbox's photos as the chat lives", () => {
  const page = { items: [message("a", 1), message("b", 2)], firstPosition: 6, total: 7 };

  it("adds a photo or video that arrived after the last one, and counts it; the others keep their place", () => {
    const live = [
      message("a", 1),
      message("t", 3, "text"),
      message("b", 2),
      message("v", 5, "video"),
      message("c", 4),
    ];
    const merged = withLiveMedia(page, live);
    expect(ids(merged.items)).toEqual(["a", "b", "c", "v"]);
    expect(merged).toMatchObject({ firstPosition: 6, total: 9 });
    // The same chat again adds nothing twice.
    expect(withLiveMedia(merged, live)).toEqual(merged);
  });

  it("shows an item as last heard of (a file that could not be had any more)", () => {
    const merged = withLiveMedia(page, [message("b", 2, "image", "failed")]);
    expect(merged.items[1]?.content).toMatchObject({ media: { status: "failed" } });
    expect(merged.total).toBe(7);
  });

  it("leaves new ones to the next load when the window stops short of the chat's end", () => {
    const short = { ...page, total: 12 };
    const merged = withLiveMedia(short, [message("c", 4)]);
    expect(ids(merged.items)).toEqual(["a", "b"]);
    expect(merged.total).toBe(12);
  });

  it("adds nothing older than the window, nor a send still on its way", () => {
    const local = { ...message("x", 9), id: `${LOCAL_PREFIX}x` };
    expect(ids(withLiveMedia(page, [message("z", 0), local]).items)).toEqual(["a", "b"]);
  });
});
