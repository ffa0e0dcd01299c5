import type { MultiPolygon, Polygon } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import land from "world-atlas/land-110m.json";
import { ringsToPath } from "./map-view";

/**
 * The world's coastlines (Natural Earth at 1:110m, shipped in the package: nothing is fetched),
 * as one SVG path in degrees. Land only, no borders: a map of where, not of whose. Loaded with
 * the first location shown, not with the inbox.
 */
function landPath(): string {
  const topology = land as unknown as Topology<{ land: GeometryCollection }>;
  const collection = feature(topology, topology.objects.land);
  const rings = collection.features.flatMap((shape) => {
    const geometry = shape.geometry as Polygon | MultiPolygon;
    return geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
  });
  return ringsToPath(rings);
}

export const LAND_PATH = landPath();
