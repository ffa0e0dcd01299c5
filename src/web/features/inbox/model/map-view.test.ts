import { describe, expect, it } from "vitest";
import { openStreetMapUrl } from "./map-link";
import { mapWindow, project, ringsToPath } from "./map-view";

describe("the location's map", () => {
  it("centres the window on the place, widened by the latitude's shrink", () => {
    const casablanca = mapWindow(33.5731, -7.5898, 2, 12);
    expect(casablanca.pin.x).toBeCloseTo(0.5, 9);
    expect(casablanca.pin.y).toBeCloseTo(0.5, 9);
    expect(casablanca.viewBox.height).toBe(12);
    expect(casablanca.viewBox.width).toBeCloseTo(24 / Math.cos((33.5731 * Math.PI) / 180), 6);
    expect(casablanca.viewBox.y).toBeCloseTo(-33.5731 - 6, 6);
    const equator = mapWindow(0, 10, 2, 12);
    expect(equator.viewBox).toEqual({ x: -2, y: -6, width: 24, height: 12 });
  });

  it("stays within the poles, the pin moving off-centre to stay on the place", () => {
    const north = mapWindow(88, 0, 2, 12);
    expect(north.viewBox.y).toBe(-90);
    expect(north.pin.y).toBeCloseTo(2 / 12, 6);
    const south = mapWindow(-89, 0, 2, 12);
    expect(south.viewBox.y + south.viewBox.height).toBe(90);
    expect(south.pin.y).toBeCloseTo(11 / 12, 6);
  });

  it("draws north up and east right", () => {
    expect(project(33.5, -7.5)).toEqual([-7.5, -33.5]);
  });

  it("draws rings as paths, a jump over the antimeridian starting a new piece", () => {
    expect(
      ringsToPath([
        [
          [-10, 30],
          [-5, 35.123],
          [-10, 30],
        ],
      ]),
    ).toBe("M-10 -30L-5 -35.12L-10 -30");
    expect(
      ringsToPath([
        [
          [179, 65],
          [-179, 66],
          [-178, 67],
        ],
      ]),
    ).toBe("M179 -65M-179 -66L-178 -67");
  });

  it("links to the place on OpenStreetMap", () => {
    expect(openStreetMapUrl(33.5731, -7.5898)).toBe(
      "https://www.openstreetmap.org/?mlat=33.5731&mlon=-7.5898#map=16/33.5731/-7.5898",
    );
  });
});
