import { useEffect, useRef, useState } from "react";
import type { MediaRef } from "../../../../../contracts/messages";
import { Avatar } from "../../../../ui/Avatar";
import { Icon } from "../../../../ui/Icon";
import { mediaUrl } from "../../api";
import { useDecodedVoice } from "../../hooks/useDecodedVoice";
import { useVoiceSpeed } from "../../hooks/voice-speed";
import { useInboxI18n } from "../../i18n";
import { extensionOf } from "../../model/preview";
import { useIds } from "../../queries";
import { VoiceWaveform } from "./VoiceWaveform";

/** Who recorded a voice note: the candidate, or the teammate who sent it. */
export interface VoiceSender {
  id: string;
  name: string;
}

/**
 * A stored voice note or audio file: play, the waveform (seek by click, drag or ←/→, never
 * mirrored), elapsed/total time and 1× / 1,5× / 2× (the user's, kept on this device); a voice note
 * shows its sender's avatar with a mic, as WhatsApp does (a bare mic when the sender is not known).
 * One the browser cannot play says so and hands the file over.
 */
export default function AudioPlayer({
  media,
  mediaId,
  sender,
}: {
  media: MediaRef;
  mediaId: string;
  sender?: VoiceSender | undefined;
}) {
  const { ti, ifmt, fmt } = useInboxI18n();
  const { userId } = useIds();
  const audio = useRef<HTMLAudioElement>(null);
  const frame = useRef<HTMLSpanElement>(null);
  const decoded = useDecodedVoice(mediaId, frame);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [loadedDuration, setLoadedDuration] = useState(0);
  const [speed, nextSpeed] = useVoiceSpeed(userId);
  const [unplayable, setUnplayable] = useState(false);
  const duration = loadedDuration || decoded?.duration || 0;

  useEffect(() => {
    if (!audio.current) return;
    // Loading the file resets playbackRate to the default one: set both.
    audio.current.defaultPlaybackRate = speed;
    audio.current.playbackRate = speed;
  }, [speed]);

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
          href={mediaUrl(mediaId)}
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
    <span className="audio" dir="ltr" ref={frame}>
      <span className="visually-hidden">{label}</span>
      {/* biome-ignore lint/a11y/useMediaCaption: candidates' voice notes come without captions */}
      <audio
        ref={audio}
        src={mediaUrl(mediaId)}
        preload="none"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => setPlaying(false)}
        onTimeUpdate={(event) => setTime(event.currentTarget.currentTime)}
        onError={() => setUnplayable(true)}
        onLoadedMetadata={(event) =>
          setLoadedDuration(Number.isFinite(event.currentTarget.duration) ? event.currentTarget.duration : 0)
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
      <VoiceWaveform
        peaks={decoded?.peaks ?? null}
        time={time}
        duration={duration}
        onSeek={(to) => {
          if (audio.current) audio.current.currentTime = to;
          setTime(to);
        }}
      />
      <span className="audio__time">{ifmt.duration(playing || time > 0 ? time : duration)}</span>
      <button
        type="button"
        className="audio__speed"
        aria-label={ti.content.speed(`${fmt.number(speed)}×`)}
        onClick={nextSpeed}
      >
        {fmt.number(speed)}×
      </button>
      {media.isVoice ? <VoiceMark sender={sender} /> : null}
    </span>
  );
}

/** The voice note's mark: its sender's avatar with a small mic on it, or the mic alone. */
function VoiceMark({ sender }: { sender: VoiceSender | undefined }) {
  const mic = (
    <span className="audio__mic" aria-hidden="true">
      <Icon name="mic" size={14} />
    </span>
  );
  if (!sender) return mic;
  return (
    <span className="audio__sender">
      <Avatar id={sender.id} name={sender.name} size={40} />
      {mic}
    </span>
  );
}
