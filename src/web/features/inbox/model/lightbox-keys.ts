/** What a key does in the lightbox: move to the previous (−1) or next (+1) item, or zoom. */
export type LightboxAction = { kind: "go"; step: -1 | 1 } | { kind: "zoom"; step: -1 | 0 | 1 } | null;

/**
 * The lightbox's keys. The arrows follow the reading direction: in Arabic the next item is on
 * the left, as a book's next page is. + (or =, the same key unshifted) and − zoom, 0 fits.
 */
export function lightboxAction(key: string, direction: "ltr" | "rtl"): LightboxAction {
  const forward = direction === "rtl" ? "ArrowLeft" : "ArrowRight";
  const back = direction === "rtl" ? "ArrowRight" : "ArrowLeft";
  if (key === forward) return { kind: "go", step: 1 };
  if (key === back) return { kind: "go", step: -1 };
  if (key === "+" || key === "=") return { kind: "zoom", step: 1 };
  if (key === "-") return { kind: "zoom", step: -1 };
  if (key === "0") return { kind: "zoom", step: 0 };
  return null;
}
