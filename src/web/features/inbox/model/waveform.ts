/** How many bars a voice note's waveform has (WhatsApp draws about as many). */
export const WAVEFORM_BARS = 40;

/** The smallest bar, so that a silence still shows where the sound is. */
const FLOOR = 0.08;

/**
 * A voice note's waveform: the sound cut into `bars` equal slices, each the loudest sample of
 * the slice (on any channel), scaled so that the loudest bar is 1. Empty for no sound at all, so
 * the caller draws its flat bar.
 */
export function peaksOf(channels: readonly Float32Array[], bars: number = WAVEFORM_BARS): number[] {
  const length = Math.min(...channels.map((channel) => channel.length));
  if (channels.length === 0 || !Number.isFinite(length) || length === 0 || bars < 1) return [];
  const peaks: number[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const start = Math.floor((bar * length) / bars);
    const end = Math.max(start + 1, Math.floor(((bar + 1) * length) / bars));
    let peak = 0;
    for (const channel of channels) {
      for (let i = start; i < end && i < length; i++) peak = Math.max(peak, Math.abs(channel[i] ?? 0));
    }
    peaks.push(peak);
  }
  const loudest = Math.max(...peaks);
  if (loudest === 0) return [];
  return peaks.map((peak) => Math.max(FLOOR, peak / loudest));
}

/** Where a pointer at `x` on a bar of `width` pixels seeks to, in seconds (the bar never mirrors). */
export function seekTime(x: number, width: number, duration: number): number {
  if (width <= 0 || !(duration > 0)) return 0;
  return Math.min(duration, Math.max(0, (x / width) * duration));
}
