// The lightbox's zoom and pan, as pure arithmetic: a photo fitted in its frame, scaled about its
// centre and moved by (x, y) CSS pixels, never so far that an edge comes inside the frame.

export interface View {
  scale: number;
  x: number;
  y: number;
}
export interface Box {
  width: number;
  height: number;
}
/** Sizes the view is kept within: the photo as fitted (before zoom) and its frame. */
export interface Bounds {
  image: Box;
  frame: Box;
}

export const FIT: View = { scale: 1, x: 0, y: 0 };
export const MAX_SCALE = 4;
/** The steps of the zoom buttons and of + and −. */
export const ZOOM_STEPS = [1, 1.5, 2, 3, 4] as const;

// `+ 0` turns a −0 into 0.
const within = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value)) + 0;

/** The view held inside its limits: scale 1 to 4, and the photo's edges never inside the frame. */
export function clampView(view: View, bounds: Bounds | null): View {
  const scale = Math.min(MAX_SCALE, Math.max(1, view.scale));
  if (!bounds) return { scale, x: 0, y: 0 };
  const spare = (image: number, frame: number) => Math.max(0, (image * scale - frame) / 2);
  return {
    scale,
    x: within(view.x, spare(bounds.image.width, bounds.frame.width)),
    y: within(view.y, spare(bounds.image.height, bounds.frame.height)),
  };
}

/**
 * Zoomed to `scale` about a point of the frame (from its centre), which stays where it is under
 * the finger or the pointer.
 */
export function zoomAbout(view: View, scale: number, point: { x: number; y: number }, bounds: Bounds | null) {
  const ratio = Math.min(MAX_SCALE, Math.max(1, scale)) / view.scale;
  return clampView(
    { scale, x: point.x - (point.x - view.x) * ratio, y: point.y - (point.y - view.y) * ratio },
    bounds,
  );
}

/** The next step of the zoom in (+1) or out (−1) from the current scale. */
export function stepZoom(scale: number, step: -1 | 1): number {
  if (step === 1) return ZOOM_STEPS.find((level) => level > scale + 0.01) ?? MAX_SCALE;
  return [...ZOOM_STEPS].reverse().find((level) => level < scale - 0.01) ?? 1;
}
