import { useEffect, useRef, useState } from "react";

/** The lightbox's zoom levels; the first fits the photo in the window. */
export const ZOOMS = [1, 1.5, 2, 3] as const;

/**
 * A photo fitted to the space it has (never enlarged past its own size), then zoomed by `zoom`;
 * zoomed in, the space scrolls. A click toggles the zoom (the keyboard has +/- for the same).
 */
export function ZoomableImage(props: { src: string; alt: string; zoom: number; onToggle(): void }) {
  const frame = useRef<HTMLDivElement>(null);
  const [space, setSpace] = useState<{ width: number; height: number } | null>(null);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => setSpace({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const fit =
    space && natural ? Math.min(1, space.width / natural.width, space.height / natural.height) : null;
  const size =
    fit && natural
      ? {
          inlineSize: natural.width * fit * props.zoom,
          blockSize: natural.height * fit * props.zoom,
          maxInlineSize: "none",
          maxBlockSize: "none",
        }
      : undefined;

  return (
    <div ref={frame} className={props.zoom > 1 ? "zoomable zoomable--zoomed" : "zoomable"}>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the zoom buttons and +/- keys do the same from the keyboard */}
      <img
        className="zoomable__image"
        src={props.src}
        alt={props.alt}
        style={size}
        onLoad={(event) =>
          setNatural({
            width: event.currentTarget.naturalWidth || 1,
            height: event.currentTarget.naturalHeight || 1,
          })
        }
        onClick={props.onToggle}
      />
    </div>
  );
}
