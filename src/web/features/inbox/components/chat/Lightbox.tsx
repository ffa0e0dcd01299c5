import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Dialog } from "../../../../ui/Dialog";
import { Icon } from "../../../../ui/Icon";
import { listChatMedia, type MessageResponse, mediaUrl } from "../../api";
import { useInboxI18n } from "../../i18n";
import { useMediaI18n } from "../../i18n/media";
import { lightboxAction } from "../../model/lightbox-keys";
import { useIds } from "../../queries";
import { RichText } from "./RichText";
import { ZOOMS, ZoomableImage } from "./ZoomableImage";
import "./lightbox.css";

/** Within this many items of the loaded window's edge, the window is fetched again around the current one. */
const REFILL_AT = 3;

/**
 * The chat's photos and videos, full window over the chat, from the one clicked: ←/→ (in the
 * reading direction) to the previous/next, "3 / 12", sender, time and caption, download, zoom by
 * click or +/-. A modal dialog: focus stays inside and returns to the photo on close, Esc closes.
 */
export default function Lightbox(props: {
  conversationId: string;
  messageId: string;
  authorOf(message: MessageResponse): string;
  onClose(): void;
}) {
  const { ti, ifmt, fmt } = useInboxI18n();
  const { tm } = useMediaI18n();
  const { clientId } = useIds();
  const [currentId, setCurrentId] = useState(props.messageId);
  const [around, setAround] = useState(props.messageId);
  const [zoom, setZoom] = useState(0);
  const query = useQuery({
    queryKey: [clientId, "chat-media", props.conversationId, around],
    queryFn: ({ signal }) => listChatMedia(props.conversationId, around, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const page = query.data;
  const items = page?.items ?? [];
  const index = items.findIndex((item) => item.id === currentId);
  const current = items[index];

  // Near an edge of what is loaded, with more beyond it: load the window around the current one.
  useEffect(() => {
    if (!page || index < 0 || around === currentId) return;
    const lastPosition = page.firstPosition + items.length - 1;
    const nearStart = index < REFILL_AT && page.firstPosition > 1;
    const nearEnd = index >= items.length - REFILL_AT && lastPosition < page.total;
    if (nearStart || nearEnd) setAround(currentId);
  }, [page, index, items.length, around, currentId]);

  const go = (step: -1 | 1) => {
    const target = items[index + step];
    if (!target) return;
    setCurrentId(target.id);
    setZoom(0);
  };
  const zoomBy = (step: -1 | 1) => setZoom((level) => Math.min(ZOOMS.length - 1, Math.max(0, level + step)));

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A video's own controls take the arrows (seek) while they have focus.
      if (event.target instanceof HTMLMediaElement || event.defaultPrevented) return;
      const action = lightboxAction(event.key, document.documentElement.dir === "rtl" ? "rtl" : "ltr");
      if (!action || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      if (action.kind === "go") go(action.step);
      else if (action.step === 0) setZoom(0);
      else zoomBy(action.step);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const media =
    current && (current.content.type === "image" || current.content.type === "video")
      ? current.content.media
      : null;
  const isImage = current?.content.type === "image";
  const ready = media?.status === "stored" && media.id ? media.id : null;
  const position = page && index >= 0 ? page.firstPosition + index : null;
  const kind = isImage ? ti.content.photo : ti.content.video;
  const title = current ? props.authorOf(current) : ti.content.photo;

  return (
    <Dialog
      size="full"
      title={title}
      subtitle={
        current ? (
          <>
            <time dateTime={current.occurredAt}>{ifmt.full(current.occurredAt)}</time>
            {position && page ? (
              <>
                {" · "}
                <bdi dir="ltr" className="lightbox__counter">
                  {tm.counter(fmt.number(position), fmt.number(page.total))}
                </bdi>
              </>
            ) : null}
          </>
        ) : null
      }
      onClose={props.onClose}
      actions={
        <>
          <button
            type="button"
            className="icon-button"
            aria-label={tm.zoomOut}
            title={tm.zoomOut}
            disabled={!isImage || !ready || zoom === 0}
            onClick={() => zoomBy(-1)}
          >
            <Icon name="zoomOut" />
          </button>
          <span className="lightbox__zoom" aria-live="polite">
            {isImage ? tm.zoomLevel(`${fmt.number(ZOOMS[zoom] ?? 1)}×`) : ""}
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label={tm.zoomIn}
            title={tm.zoomIn}
            disabled={!isImage || !ready || zoom === ZOOMS.length - 1}
            onClick={() => zoomBy(1)}
          >
            <Icon name="zoomIn" />
          </button>
          {ready ? (
            <a
              className="icon-button"
              href={mediaUrl(ready)}
              download={media?.filename ?? true}
              aria-label={`${ti.content.download} ${kind}`}
              title={ti.content.download}
            >
              <Icon name="download" />
            </a>
          ) : null}
        </>
      }
    >
      <div className="lightbox">
        <button
          type="button"
          className="lightbox__step lightbox__step--previous"
          aria-label={tm.previous}
          disabled={!items[index - 1]}
          onClick={() => go(-1)}
        >
          <Icon name="chevronStart" size={28} />
        </button>
        <div className="lightbox__stage">
          {!media ? (
            query.isError ? (
              <p className="system-chip">{ti.chat.loadError}</p>
            ) : null
          ) : !ready ? (
            <p className="system-chip">
              {media.status === "failed" ? ti.content.mediaFailed : ti.content.mediaPending}
            </p>
          ) : isImage ? (
            <ZoomableImage
              key={ready}
              src={mediaUrl(ready)}
              alt={media.caption ?? kind}
              zoom={ZOOMS[zoom] ?? 1}
              onToggle={() => setZoom((level) => (level === 0 ? 2 : 0))}
            />
          ) : (
            // biome-ignore lint/a11y/useMediaCaption: candidates' videos come without captions
            <video
              key={ready}
              className="lightbox__video"
              src={mediaUrl(ready)}
              controls
              preload="metadata"
            />
          )}
        </div>
        <button
          type="button"
          className="lightbox__step lightbox__step--next"
          aria-label={tm.next}
          disabled={!items[index + 1]}
          onClick={() => go(1)}
        >
          <Icon name="chevronEnd" size={28} />
        </button>
      </div>
      {media?.caption ? <RichText text={media.caption} large={false} className="lightbox__caption" /> : null}
    </Dialog>
  );
}
