/** What a key does in the lightbox: move to the previous (−1) or next (+1) item, zoom, or pan. */
export type LightboxAction =
  | { kind: "go"; step: -1 | 1 }
  | { kind: "zoom"; step: -1 | 0 | 1 }
  | { kind: "pan"; x: number; y: number }
  | null;

/** How far an arrow key moves a zoomed photo, in CSS pixels. */
export const PAN_STEP = 80;

const PAN: Record<string, [number, number]> = {
  ArrowLeft: [PAN_STEP, 0],
  ArrowRight: [-PAN_STEP, 0],
  ArrowUp: [0, PAN_STEP],
  ArrowDown: [0, -PAN_STEP],
};

/**
 * The lightbox's keys. The arrows follow the reading direction: in Arabic the next item is on
 * the left, as a book's next page is; on a zoomed photo they move it instead, to show what lies that
 * way. + (or =, the same key unshifted) and − zoom, 0 fits; Esc fits a zoomed photo before it closes.
 */
export function lightboxAction(key: string, direction: "ltr" | "rtl", zoomed = false): LightboxAction {
  if (key === "+" || key === "=") return { kind: "zoom", step: 1 };
  if (key === "-") return { kind: "zoom", step: -1 };
  if (key === "0" || (zoomed && key === "Escape")) return { kind: "zoom", step: 0 };
  const pan = PAN[key];
  if (zoomed && pan) return { kind: "pan", x: pan[0], y: pan[1] };
  const forward = direction === "rtl" ? "ArrowLeft" : "ArrowRight";
  const back = direction === "rtl" ? "ArrowRight" : "ArrowLeft";
  if (key === forward) return { kind: "go", step: 1 };
  if (key === back) return { kind: "go", step: -1 };
  return null;
}
