import { describe, expect, it } from "vitest";
import { clampView, FIT, stepZoom, zoomAbout } from "./zoom-pan";

// A 400 × 300 photo as fitted, in a 600 × 300 frame.
const bounds = { image: { width: 400, height: 300 }, frame: { width: 600, height: 300 } };

describe("the lightbox's zoom and pan", () => {
  it("keeps the photo's edges outside the frame, and no pan at all while it fits", () => {
    expect(clampView({ scale: 1, x: 50, y: -20 }, bounds)).toEqual(FIT);
    // At 3×: 1200 × 900, so 300 px to spare on each side, across and down.
    expect(clampView({ scale: 3, x: 999, y: -999 }, bounds)).toEqual({ scale: 3, x: 300, y: -300 });
    expect(clampView({ scale: 3, x: -120, y: 40 }, bounds)).toEqual({ scale: 3, x: -120, y: 40 });
    expect(clampView({ scale: 9, x: 0, y: 0 }, bounds).scale).toBe(4);
    expect(clampView({ scale: 0.2, x: 10, y: 10 }, bounds)).toEqual(FIT);
  });

  it("zooms about a point, which stays under the pointer", () => {
    const zoomed = zoomAbout(FIT, 2, { x: 100, y: 50 }, bounds);
    // The photo's point under (100, 50) was 100, 50 from its centre; at 2× it is 200, 100 from it.
    expect(zoomed).toEqual({ scale: 2, x: -100, y: -50 });
    expect(zoomAbout(zoomed, 1, { x: 0, y: 0 }, bounds)).toEqual(FIT);
  });

  it("steps through the zoom levels, from wherever a pinch left it", () => {
    expect(stepZoom(1, 1)).toBe(1.5);
    expect(stepZoom(1.7, 1)).toBe(2);
    expect(stepZoom(1.7, -1)).toBe(1.5);
    expect(stepZoom(4, 1)).toBe(4);
    expect(stepZoom(1, -1)).toBe(1);
  });
});
