import {
  type MutableRefObject,
  type PointerEvent,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { type Bounds, type Box, clampView, FIT, type View, zoomAbout } from "../../model/zoom-pan";

/** Two taps (or clicks) this close in time and place toggle the zoom. */
const DOUBLE_TAP_MS = 300;
const TAP_SLOP_PX = 10;
/** The wheel's zoom: a notch (100 px of delta) zooms by about a fifth. */
const WHEEL_RATE = 0.002;

type Point = { x: number; y: number };
const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const middle = (a: Point, b: Point) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/**
 * A photo fitted to the space it has (never enlarged past its own size), zoomed and moved by
 * `view`: a double click or double tap toggles 2× where it lands, the wheel and a two-finger pinch
 * zoom about the pointer, a drag moves a zoomed photo, never past its edges. Pointer Events carry
 * mouse, pen and fingers alike (`touch-action: none`: the page neither scrolls nor zooms under
 * them). `bounds` tells the lightbox the sizes, so that its keys keep the photo in place too.
 */
export function ZoomableImage(props: {
  src: string;
  alt: string;
  view: View;
  onView(view: View): void;
  bounds: MutableRefObject<Bounds | null>;
  /** The file could not be had (deleted or withdrawn since): the lightbox says so. */
  onError?(): void;
}) {
  const frame = useRef<HTMLDivElement>(null);
  const [space, setSpace] = useState<Box | null>(null);
  const [natural, setNatural] = useState<Box | null>(null);

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
  const fitted = fit && natural ? { width: natural.width * fit, height: natural.height * fit } : null;
  const bounds = fitted && space ? { image: fitted, frame: space } : null;
  const view = clampView(props.view, bounds);
  // The gestures' handlers read the latest of these between renders.
  const latest = useRef({ view, bounds, onView: props.onView });
  latest.current = { view, bounds, onView: props.onView };
  useLayoutEffect(() => {
    props.bounds.current = bounds;
  });

  const show = (next: View) => {
    latest.current.view = next;
    latest.current.onView(next);
  };
  /** A pointer's place from the frame's centre. */
  const pointOf = (event: { clientX: number; clientY: number }): Point => {
    const box = frame.current!.getBoundingClientRect();
    return { x: event.clientX - box.left - box.width / 2, y: event.clientY - box.top - box.height / 2 };
  };

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault(); // the wheel zooms here: the page behind stays put
      const lines = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : 1;
      const { view: current, bounds: sizes } = latest.current;
      const scale = current.scale * Math.exp(-event.deltaY * lines * WHEEL_RATE);
      show(zoomAbout(current, scale, pointOf(event), sizes));
    };
    // Not React's onWheel: its listener is passive, and could not keep the page from scrolling.
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  });

  // The gesture in progress: the pointers down, where they and the view were when it (re)started.
  const gesture = useRef({
    pointers: new Map<number, Point>(),
    startPoints: new Map<number, Point>(),
    start: FIT,
    isTap: false,
    lastTap: null as { at: number; point: Point } | null,
  });
  const restart = () => {
    const g = gesture.current;
    g.startPoints = new Map(g.pointers);
    g.start = latest.current.view;
  };

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    const g = gesture.current;
    event.currentTarget.setPointerCapture(event.pointerId);
    g.pointers.set(event.pointerId, pointOf(event));
    g.isTap = g.pointers.size === 1;
    restart();
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    const g = gesture.current;
    if (!g.pointers.has(event.pointerId)) return;
    const point = pointOf(event);
    g.pointers.set(event.pointerId, point);
    const { bounds: sizes } = latest.current;
    const [a, b] = [...g.pointers.keys()];
    if (b !== undefined) {
      // Pinch: the scale follows the fingers' spread, the photo follows their middle.
      const [a0, b0, a1, b1] = [
        g.startPoints.get(a!),
        g.startPoints.get(b),
        g.pointers.get(a!),
        g.pointers.get(b),
      ];
      if (!a0 || !b0 || !a1 || !b1 || distance(a0, b0) === 0) return;
      const scale = clampView(
        { ...g.start, scale: (g.start.scale * distance(a1, b1)) / distance(a0, b0) },
        null,
      ).scale;
      const [from, to] = [middle(a0, b0), middle(a1, b1)];
      const ratio = scale / g.start.scale;
      show(
        clampView(
          { scale, x: to.x - (from.x - g.start.x) * ratio, y: to.y - (from.y - g.start.y) * ratio },
          sizes,
        ),
      );
      return;
    }
    const from = g.startPoints.get(event.pointerId);
    if (!from) return;
    if (distance(from, point) > TAP_SLOP_PX) g.isTap = false;
    if (!g.isTap && g.start.scale > 1)
      show(
        clampView({ ...g.start, x: g.start.x + point.x - from.x, y: g.start.y + point.y - from.y }, sizes),
      );
  }

  function onPointerEnd(event: PointerEvent<HTMLDivElement>) {
    const g = gesture.current;
    if (!g.pointers.delete(event.pointerId)) return;
    if (g.pointers.size > 0) {
      restart(); // one finger left after a pinch: it drags from here
      return;
    }
    if (!g.isTap || event.type !== "pointerup") return;
    const point = pointOf(event);
    const last = g.lastTap;
    if (last && event.timeStamp - last.at < DOUBLE_TAP_MS && distance(last.point, point) < TAP_SLOP_PX * 3) {
      g.lastTap = null;
      const { view: current, bounds: sizes } = latest.current;
      show(current.scale > 1 ? FIT : zoomAbout(current, 2, point, sizes));
    } else g.lastTap = { at: event.timeStamp, point };
  }

  const size = fitted
    ? { inlineSize: fitted.width, blockSize: fitted.height, maxInlineSize: "none", maxBlockSize: "none" }
    : undefined;
  return (
    <div
      ref={frame}
      className={view.scale > 1 ? "zoomable zoomable--zoomed" : "zoomable"}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
    >
      <img
        className="zoomable__image"
        src={props.src}
        alt={props.alt}
        draggable={false}
        style={{ ...size, transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
        onLoad={(event) =>
          setNatural({
            width: event.currentTarget.naturalWidth || 1,
            height: event.currentTarget.naturalHeight || 1,
          })
        }
        onError={props.onError}
      />
    </div>
  );
}
