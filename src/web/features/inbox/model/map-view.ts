/**
 * The location bubble's map, drawn without any tile service: the world's outlines in degrees
 * (x = longitude, y = −latitude), and a window on them around the place. East–west distances
 * shrink with the latitude, so the window is widened by 1 / cos(latitude) to keep shapes true.
 */

/** How many degrees of latitude the window shows (Morocco from Tangier to Agadir, about). */
export const MAP_SPAN_DEGREES = 12;

export interface MapWindow {
  /** The SVG `viewBox` over the world drawn in degrees. */
  viewBox: { x: number; y: number; width: number; height: number };
  /** Where the pin stands, as fractions of the window's width and height from its top-left. */
  pin: { x: number; y: number };
}

/** A point as the world outline draws it. */
export function project(latitude: number, longitude: number): [number, number] {
  return [longitude, -latitude];
}

/**
 * The window of `aspect` (width / height) centred on the place, kept within the poles (a place
 * near one is then off-centre, the pin still on it).
 */
export function mapWindow(
  latitude: number,
  longitude: number,
  aspect: number,
  span: number = MAP_SPAN_DEGREES,
): MapWindow {
  const lat = Math.max(-90, Math.min(90, latitude));
  const height = span;
  const width = (span * aspect) / Math.max(0.2, Math.cos((lat * Math.PI) / 180));
  const [px, py] = project(lat, longitude);
  const y = Math.max(-90, Math.min(90 - height, py - height / 2));
  const x = px - width / 2;
  return { viewBox: { x, y, width, height }, pin: { x: (px - x) / width, y: (py - y) / height } };
}

/**
 * An SVG path for rings of [longitude, latitude] points. A ring that crosses the antimeridian
 * (Russia, Fiji) jumps from +180 to −180: the jump starts a new piece instead of a line across
 * the whole world.
 */
export function ringsToPath(rings: readonly (readonly (readonly number[])[])[]): string {
  const parts: string[] = [];
  for (const ring of rings) {
    let previous: number | null = null;
    for (const point of ring) {
      const [x, y] = project(point[1] ?? 0, point[0] ?? 0);
      const jump = previous === null || Math.abs(x - previous) > 180;
      parts.push(`${jump ? "M" : "L"}${round(x)} ${round(y)}`);
      previous = x;
    }
  }
  return parts.join("");
}

const round = (value: number) => Math.round(value * 100) / 100;
