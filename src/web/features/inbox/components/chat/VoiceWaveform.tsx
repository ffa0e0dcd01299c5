import { type KeyboardEvent, type PointerEvent, useRef } from "react";
import { useInboxI18n } from "../../i18n";
import { seekTime, WAVEFORM_BARS } from "../../model/waveform";

/** ← / → move by this many seconds, as media players do. */
const KEY_STEP_S = 5;
const BAR_W = 2;
const GAP = 1;
const HEIGHT = 24;

/**
 * The voice note's bars, played ones in the accent colour, with a thumb: click or drag to seek,
 * ← / → by 5 s, Home / End. A flat bar while the sound is decoded or when it cannot be. Left to
 * right in every language (media controls never mirror).
 */
export function VoiceWaveform(props: {
  peaks: number[] | null;
  time: number;
  duration: number;
  onSeek(time: number): void;
}) {
  const { ti, ifmt } = useInboxI18n();
  const dragging = useRef(false);
  const { duration } = props;
  const progress = duration > 0 ? Math.min(1, props.time / duration) : 0;
  const bars = props.peaks && props.peaks.length > 0 ? props.peaks : null;
  const width = WAVEFORM_BARS * (BAR_W + GAP) - GAP;

  const seekAt = (event: PointerEvent<HTMLElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    props.onSeek(seekTime(event.clientX - box.left, box.width, duration));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowLeft: props.time - KEY_STEP_S,
      ArrowRight: props.time + KEY_STEP_S,
      Home: 0,
      End: duration,
    };
    const to = moves[event.key];
    if (to === undefined || !(duration > 0)) return;
    event.preventDefault();
    props.onSeek(Math.min(duration, Math.max(0, to)));
  };

  return (
    <span
      className="waveform"
      role="slider"
      tabIndex={0}
      aria-label={ti.content.seek}
      aria-valuemin={0}
      aria-valuemax={Math.round(duration)}
      aria-valuenow={Math.round(props.time)}
      aria-valuetext={`${ifmt.duration(props.time)} / ${ifmt.duration(duration)}`}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        dragging.current = true;
        event.currentTarget.setPointerCapture(event.pointerId);
        seekAt(event);
      }}
      onPointerMove={(event) => {
        if (dragging.current) seekAt(event);
      }}
      onPointerUp={() => {
        dragging.current = false;
      }}
      onPointerCancel={() => {
        dragging.current = false;
      }}
    >
      <svg
        className="waveform__bars"
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="none"
        aria-hidden="true"
        data-state={bars ? "decoded" : "flat"}
      >
        {bars ? (
          bars.map((peak, index) => {
            const h = Math.max(2, peak * HEIGHT);
            const played = (index + 0.5) / bars.length <= progress;
            return (
              <rect
                // The bars never move or reorder: their place is their identity.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                key={index}
                className={played ? "waveform__bar waveform__bar--played" : "waveform__bar"}
                x={index * (BAR_W + GAP)}
                y={(HEIGHT - h) / 2}
                width={BAR_W}
                height={h}
                rx={1}
              />
            );
          })
        ) : (
          <>
            <rect className="waveform__bar" x={0} y={HEIGHT / 2 - 1} width={width} height={2} rx={1} />
            <rect
              className="waveform__bar waveform__bar--played"
              x={0}
              y={HEIGHT / 2 - 1}
              width={width * progress}
              height={2}
              rx={1}
            />
          </>
        )}
      </svg>
      <span
        className="waveform__thumb"
        style={{ insetInlineStart: `${progress * 100}%` }}
        aria-hidden="true"
      />
    </span>
  );
}
