import { lazy, Suspense, useContext } from "react";
import type { MediaRef } from "../../../../../contracts/messages";
import { Icon } from "../../../../ui/Icon";
import { mediaUrl } from "../../api";
import { useInboxI18n } from "../../i18n";
import { extensionOf, middleEllipsis } from "../../model/preview";
import type { VoiceSender } from "./AudioPlayer";
import { MediaViewerContext } from "./media-viewer";
import "./media.css";

// The player (waveform, decoding, speed) loads with the first voice note, not with the inbox.
const AudioPlayer = lazy(() => import("./AudioPlayer"));

/**
 * A received file, and what the recruiter can do when it could not be had: ask the candidate to
 * send it again (absent when no free text can be sent, the window being closed).
 */
interface MediaProps {
  media: MediaRef;
  onAskAgain?: (() => void) | undefined;
}

/** Pre-fills the reply with a polite request to send the file again: the recruiter reads it and sends. */
function AskAgain({ media, onAskAgain }: MediaProps) {
  const { ti } = useInboxI18n();
  if (media.status !== "failed" || !onAskAgain) return null;
  return (
    <button type="button" className="button button--small media-ask-again" onClick={onAskAgain}>
      {ti.content.askAgain}
    </button>
  );
}

/** While a received file downloads (or when it could not be), a frame of the final size says so. */
function Placeholder({ media, onAskAgain, kind }: MediaProps & { kind: "image" | "video" | "sticker" }) {
  const { ti } = useInboxI18n();
  return (
    <>
      <span
        className={`media-frame media-frame--${kind} media-frame--placeholder`}
        role="img"
        aria-label={ti.content[kind === "image" ? "photo" : kind]}
      >
        <Icon name={media.status === "failed" ? "warning" : "image"} size={28} />
        <span>{media.status === "failed" ? ti.content.mediaFailed : ti.content.mediaPending}</span>
      </span>
      <AskAgain media={media} onAskAgain={onAskAgain} />
    </>
  );
}

/** A photo or video bubble's file, and its message, to open in the chat's lightbox. */
type ViewableProps = MediaProps & { messageId?: string | undefined };

/** Opens the lightbox on this message, when the bubble is in a chat that has one. */
function useOpenViewer(messageId: string | undefined): (() => void) | null {
  const open = useContext(MediaViewerContext);
  return open && messageId ? () => open(messageId) : null;
}

export function ImageContent({ media, onAskAgain, messageId }: ViewableProps) {
  const { ti } = useInboxI18n();
  const open = useOpenViewer(messageId);
  if (media.status !== "stored" || !media.id)
    return <Placeholder media={media} onAskAgain={onAskAgain} kind="image" />;
  const image = (
    <img
      src={mediaUrl(media.id)}
      alt={media.caption ?? ti.content.photo}
      loading="lazy"
      decoding="async"
      width={330}
      height={248}
    />
  );
  if (!open) return <span className="media-frame media-frame--image">{image}</span>;
  return (
    <button type="button" className="media-frame media-frame--image" onClick={open}>
      {image}
    </button>
  );
}

/** A video's first frame with a play mark; it plays in the lightbox, with the chat's other media. */
export function VideoContent({ media, onAskAgain, messageId }: ViewableProps) {
  const open = useOpenViewer(messageId);
  const { ti } = useInboxI18n();
  if (media.status !== "stored" || !media.id)
    return <Placeholder media={media} onAskAgain={onAskAgain} kind="video" />;
  if (!open) {
    return (
      // biome-ignore lint/a11y/useMediaCaption: candidates' videos come without captions
      <video
        className="media-frame media-frame--video"
        src={mediaUrl(media.id)}
        controls
        preload="metadata"
        width={330}
        height={248}
      />
    );
  }
  return (
    <button
      type="button"
      className="media-frame media-frame--image media-frame--video-thumb"
      aria-label={ti.content.openVideo}
      onClick={open}
    >
      <video src={mediaUrl(media.id)} preload="metadata" muted tabIndex={-1} aria-hidden="true" />
      <span className="media-frame__play" aria-hidden="true">
        <Icon name="play" size={28} />
      </span>
    </button>
  );
}

export function StickerContent({ media, onAskAgain }: MediaProps) {
  const { ti } = useInboxI18n();
  if (media.status !== "stored" || !media.id)
    return <Placeholder media={media} onAskAgain={onAskAgain} kind="sticker" />;
  return (
    <img
      className="sticker"
      src={mediaUrl(media.id)}
      alt={ti.content.sticker}
      width={120}
      height={120}
      loading="lazy"
    />
  );
}

/**
 * Play, the waveform (seek by click, drag or ←/→, never mirrored), elapsed/total time and
 * 1× / 1,5× / 2× (the user's, kept on this device); voice notes show a mic.
 */
export function AudioContent({
  media,
  onAskAgain,
  sender,
}: MediaProps & { sender?: VoiceSender | undefined }) {
  if (media.status !== "stored" || !media.id)
    return <AudioPlaceholder media={media} onAskAgain={onAskAgain} />;
  return (
    <Suspense fallback={<AudioSkeleton />}>
      <AudioPlayer media={media} mediaId={media.id} sender={sender} />
    </Suspense>
  );
}

/** The player's geometry while its code loads: nothing moves when it comes. */
function AudioSkeleton() {
  return (
    <span className="audio" dir="ltr" aria-hidden="true">
      <span className="audio__play">
        <Icon name="play" size={18} />
      </span>
      <span className="waveform" />
    </span>
  );
}

function AudioPlaceholder({ media, onAskAgain }: MediaProps) {
  const { ti } = useInboxI18n();
  return (
    <>
      <span className="audio audio--placeholder">
        <Icon name={media.status === "failed" ? "warning" : "mic"} size={18} />
        {media.status === "failed" ? ti.content.mediaFailed : ti.content.mediaPending}
      </span>
      <AskAgain media={media} onAskAgain={onAskAgain} />
    </>
  );
}

/** A CV's card: type tile, file name cut in the middle, type and size, open and download. */
export function DocumentContent({ media, onAskAgain }: MediaProps) {
  const { ti, ifmt } = useInboxI18n();
  const extension = extensionOf(media.filename, media.mimeType);
  const name = media.filename ?? `${ti.content.document}.${extension.toLowerCase()}`;
  const tone = extension === "PDF" ? "pdf" : /^DOCX?$/u.test(extension) ? "word" : "other";
  const ready = media.status === "stored" && media.id;
  return (
    <>
      <span className="document">
        <span className={`document__tile document__tile--${tone}`} aria-hidden="true">
          {extension}
        </span>
        <span className="document__text">
          <bdi className="document__name" title={name}>
            {middleEllipsis(name)}
          </bdi>
          <span className="document__meta">
            {extension}
            {media.sizeBytes ? ` · ${ifmt.size(media.sizeBytes)}` : ""}
            {ready
              ? ""
              : ` · ${media.status === "failed" ? ti.content.mediaFailed : ti.content.mediaPending}`}
          </span>
        </span>
        {ready ? (
          <span className="document__actions">
            <a
              className="icon-button"
              href={mediaUrl(media.id as string)}
              target="_blank"
              rel="noopener"
              aria-label={`${ti.content.open} ${name}`}
              title={ti.content.open}
            >
              <Icon name="external" size={18} />
            </a>
            <a
              className="icon-button"
              href={mediaUrl(media.id as string)}
              download={name}
              aria-label={`${ti.content.download} ${name}`}
              title={ti.content.download}
            >
              <Icon name="download" size={18} />
            </a>
          </span>
        ) : null}
      </span>
      <AskAgain media={media} onAskAgain={onAskAgain} />
    </>
  );
}
