import { useEffect, useState } from "react";
import { Icon } from "../../../../ui/Icon";
import { useMediaI18n } from "../../i18n/media";
import { mapWindow } from "../../model/map-view";

/** The map's width over its height (the CSS gives it the same aspect-ratio). */
const ASPECT = 2;

// The coastlines come in their own chunk, once, with the first location on screen.
let outline: Promise<string> | null = null;
function loadOutline(): Promise<string> {
  outline ??= import("../../model/world-outline").then((module) => module.LAND_PATH);
  return outline;
}

/**
 * A small map drawn here, without any tile service: the coastlines around the place, north up,
 * and the pin on it. Never mirrored (a map is not text), whatever the interface's direction.
 */
export default function LocationMap(props: { latitude: number; longitude: number; label: string }) {
  const { tm } = useMediaI18n();
  const [land, setLand] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void loadOutline()
      .then((path) => {
        if (!cancelled) setLand(path);
      })
      .catch(() => {
        // No coastlines (a chunk that failed to load): the pin and the coordinates still say where.
      });
    return () => {
      cancelled = true;
    };
  }, []);
  const view = mapWindow(props.latitude, props.longitude, ASPECT);
  const { x, y, width, height } = view.viewBox;
  return (
    <span className="location__map" dir="ltr" role="img" aria-label={tm.map(props.label)}>
      <svg
        className="location__svg"
        viewBox={`${x} ${y} ${width} ${height}`}
        preserveAspectRatio="none"
        aria-hidden="true"
      >
        {land ? <path className="location__land" d={land} data-testid="map-land" /> : null}
      </svg>
      <span
        className="location__pin"
        style={{ insetInlineStart: `${view.pin.x * 100}%`, insetBlockStart: `${view.pin.y * 100}%` }}
        aria-hidden="true"
      >
        <Icon name="pin" size={28} />
      </span>
    </span>
  );
}
