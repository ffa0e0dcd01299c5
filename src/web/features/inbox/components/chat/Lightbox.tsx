import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { Dialog } from "../../../../ui/Dialog";
import { Icon } from "../../../../ui/Icon";
import { listChatMedia, type MessageResponse, mediaUrl } from "../../api";
import { useInboxI18n } from "../../i18n";
import { useMediaI18n } from "../../i18n/media";
import { withLiveMedia } from "../../model/lightbox-items";
import { lightboxAction } from "../../model/lightbox-keys";
import { type Bounds, clampView, FIT, MAX_SCALE, stepZoom, zoomAbout } from "../../model/zoom-pan";
import { useIds } from "../../queries";
import { RichText } from "./RichText";
import { ZoomableImage } from "./ZoomableImage";
import "./lightbox.css";

/** Within this many items of the loaded window's edge, the window is fetched again around the current one. */
const REFILL_AT = 3;

/**
 * The chat's photos and videos, full window over the chat, from the one clicked: ←/→ (in the
 * reading direction) to the previous/next, "3 / 12", sender, time and caption, download; a photo
 * zooms by double click or tap, wheel, pinch, the buttons or + / − / 0, and moves by dragging or the
 * arrows while zoomed. A modal dialog: focus stays inside and returns to the photo on close; Esc
 * fits a zoomed photo, then closes.
 */
export default function Lightbox(props: {
  conversationId: string;
  messageId: string;
  /** The chat's messages as they arrive: a photo or video sent meanwhile joins the lightbox's. */
  live: MessageResponse[];
  authorOf(message: MessageResponse): string;
  onClose(): void;
}) {
  const { ti, ifmt, fmt } = useInboxI18n();
  const { tm } = useMediaI18n();
  const { clientId } = useIds();
  const [currentId, setCurrentId] = useState(props.messageId);
  const [around, setAround] = useState(props.messageId);
  const [view, setView] = useState(FIT);
  const bounds = useRef<Bounds | null>(null);
  // The file that failed to load: deleted or withdrawn since the chat listed it.
  const [failedFile, setFailedFile] = useState<string | null>(null);
  const query = useQuery({
    queryKey: [clientId, "chat-media", props.conversationId, around],
    queryFn: ({ signal }) => listChatMedia(props.conversationId, around, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const page = useMemo(
    () => (query.data ? withLiveMedia(query.data, props.live) : undefined),
    [query.data, props.live],
  );
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
    setView(FIT);
  };
  const zoomBy = (step: -1 | 1) =>
    setView((current) => zoomAbout(current, stepZoom(current.scale, step), { x: 0, y: 0 }, bounds.current));

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A video's own controls take the arrows (seek) while they have focus.
      if (event.target instanceof HTMLMediaElement || event.defaultPrevented) return;
      const direction = document.documentElement.dir === "rtl" ? "rtl" : "ltr";
      const action = lightboxAction(event.key, direction, view.scale > 1);
      if (!action || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault(); // an Esc that fits the photo does not close the dialog too
      if (action.kind === "go") go(action.step);
      else if (action.kind === "pan")
        setView((current) =>
          clampView({ ...current, x: current.x + action.x, y: current.y + action.y }, bounds.current),
        );
      else if (action.step === 0) setView(FIT);
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
  // Not in the chat's media any more (the window was loaded around it), or its file is gone.
  const isGone =
    (page !== undefined && index < 0 && !query.isPlaceholderData) ||
    (media?.id != null && media.id === failedFile);
  const ready = media?.status === "stored" && media.id && !isGone ? media.id : null;
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
            disabled={!isImage || !ready || view.scale <= 1}
            onClick={() => zoomBy(-1)}
          >
            <Icon name="zoomOut" />
          </button>
          <span className="lightbox__zoom" aria-live="polite">
            {isImage ? tm.zoomLevel(`${fmt.number(Math.round(view.scale * 10) / 10)}×`) : ""}
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label={tm.zoomIn}
            title={tm.zoomIn}
            disabled={!isImage || !ready || view.scale >= MAX_SCALE}
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
          {isGone ? (
            <p className="system-chip lightbox__gone" role="status">
              {isImage || !current ? tm.photoGone : tm.videoGone}
            </p>
          ) : !media ? (
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
              view={view}
              onView={setView}
              bounds={bounds}
              onError={() => setFailedFile(ready)}
            />
          ) : (
            // biome-ignore lint/a11y/useMediaCaption: candidates' videos come without captions
            <video
              key={ready}
              className="lightbox__video"
              src={mediaUrl(ready)}
              controls
              preload="metadata"
              onError={() => setFailedFile(ready)}
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
