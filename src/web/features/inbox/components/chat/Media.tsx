import { lazy, Suspense, useEffect, useRef, useState } from "react";
import type { MediaRef } from "../../../../../contracts/messages";
import { Icon } from "../../../../ui/Icon";
import { mediaUrl } from "../../api";
import { useInboxI18n } from "../../i18n";
import { extensionOf, middleEllipsis } from "../../model/preview";

const Lightbox = lazy(() => import("./Lightbox"));

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

export function ImageContent({ media, onAskAgain }: MediaProps) {
  const { ti } = useInboxI18n();
  const [open, setOpen] = useState(false);
  if (media.status !== "stored" || !media.id)
    return <Placeholder media={media} onAskAgain={onAskAgain} kind="image" />;
  const src = mediaUrl(media.id);
  return (
    <>
      <button type="button" className="media-frame media-frame--image" onClick={() => setOpen(true)}>
        <img
          src={src}
          alt={media.caption ?? ti.content.photo}
          loading="lazy"
          decoding="async"
          width={330}
          height={248}
        />
      </button>
      {open ? (
        <Suspense fallback={null}>
          <Lightbox
            src={src}
            alt={media.caption ?? ti.content.photo}
            filename={media.filename}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      ) : null}
    </>
  );
}

export function VideoContent({ media, onAskAgain }: MediaProps) {
  if (media.status !== "stored" || !media.id)
    return <Placeholder media={media} onAskAgain={onAskAgain} kind="video" />;
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

const SPEEDS = [1, 1.5, 2] as const;

/** Play, a seek bar (never mirrored), elapsed/total time and 1× / 1,5× / 2×; voice notes show a mic. */
export function AudioContent({ media, onAskAgain }: MediaProps) {
  const { ti, ifmt, fmt } = useInboxI18n();
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  const [unplayable, setUnplayable] = useState(false);

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed]);

  if (media.status !== "stored" || !media.id) {
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
  const label = media.isVoice ? ti.content.voice : ti.content.audio;
  if (unplayable) {
    // The browser cannot decode it (a codec it lacks, a damaged file): say so, and hand the file over.
    const name = media.filename ?? `${label}.${extensionOf(media.filename, media.mimeType).toLowerCase()}`;
    return (
      <span className="audio audio--failed" role="note">
        <Icon name="warning" size={18} />
        <span className="audio__failure">
          {media.isVoice ? ti.content.voiceUnplayable : ti.content.audioUnplayable}
        </span>
        <a
          className="icon-button"
          href={mediaUrl(media.id)}
          download={name}
          aria-label={`${ti.content.download} ${label}`}
          title={ti.content.download}
        >
          <Icon name="download" size={18} />
        </a>
      </span>
    );
  }
  return (
    <span className="audio" dir="ltr">
      <span className="visually-hidden">{label}</span>
      {/* biome-ignore lint/a11y/useMediaCaption: candidates' voice notes come without captions */}
      <audio
        ref={audio}
        src={mediaUrl(media.id)}
        preload="none"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onTimeUpdate={(event) => setTime(event.currentTarget.currentTime)}
        onError={() => setUnplayable(true)}
        onLoadedMetadata={(event) =>
          setDuration(Number.isFinite(event.currentTarget.duration) ? event.currentTarget.duration : 0)
        }
      />
      <button
        type="button"
        className="audio__play"
        aria-label={playing ? ti.content.pause : ti.content.play}
        onClick={() =>
          playing ? audio.current?.pause() : void audio.current?.play().catch(() => setUnplayable(true))
        }
      >
        <Icon name={playing ? "pause" : "play"} size={18} />
      </button>
      <input
        className="audio__seek"
        type="range"
        min={0}
        max={duration || 1}
        step={0.1}
        value={time}
        aria-label={ti.content.seek}
        onChange={(event) => {
          if (audio.current) audio.current.currentTime = Number(event.target.value);
        }}
      />
      <span className="audio__time">{ifmt.duration(playing || time > 0 ? time : duration)}</span>
      <button
        type="button"
        className="audio__speed"
        aria-label={ti.content.speed(`${fmt.number(speed)}×`)}
        onClick={() => setSpeed(SPEEDS[(SPEEDS.indexOf(speed) + 1) % SPEEDS.length] ?? 1)}
      >
        {fmt.number(speed)}×
      </button>
      {media.isVoice ? (
        <span className="audio__mic" aria-hidden="true">
          <Icon name="mic" size={14} />
        </span>
      ) : null}
    </span>
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
