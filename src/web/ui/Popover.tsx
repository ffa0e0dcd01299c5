import { type ReactNode, useEffect, useId, useLayoutEffect, useRef, useState } from "react";

/**
 * A disclosure: a button that shows a small panel of actions beside it. Esc or a click outside
 * closes it and focus goes back to the button; the first item gets focus on open. A panel that
 * would open below past the bottom of its scrolling area (the last message of a chat) opens above.
 */
export function Popover(props: {
  label: string;
  buttonClassName: string;
  button: ReactNode;
  placement: "rail" | "below" | "above" | "below-start";
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const [flipped, setFlipped] = useState(false);

  useLayoutEffect(() => {
    if (!open) {
      setFlipped(false);
      return;
    }
    const panel = panelRef.current;
    if (!panel || !props.placement.startsWith("below")) return;
    if (panel.getBoundingClientRect().bottom > visibleBottom(panel)) setFlipped(true);
  }, [open, props.placement]);

  useEffect(() => {
    if (!open) return;
    rootRef.current?.querySelector<HTMLElement>("[data-popover-item]")?.focus();
    function onPointer(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    function onKey(event: KeyboardEvent) {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    }
    // Tabbing out of the panel closes it. A null target is ignored: Safari blurs without focusing
    // the clicked button, and closing then would swallow that click.
    function onFocusOut(event: FocusEvent) {
      const next = event.relatedTarget;
      if (next instanceof Node && !rootRef.current?.contains(next)) setOpen(false);
    }
    const root = rootRef.current;
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    root?.addEventListener("focusout", onFocusOut);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
      root?.removeEventListener("focusout", onFocusOut);
    };
  }, [open]);

  function close() {
    setOpen(false);
    buttonRef.current?.focus();
  }

  return (
    <div className="popover" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className={props.buttonClassName}
        aria-label={props.label}
        title={props.label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        {props.button}
      </button>
      <div
        id={panelId}
        ref={panelRef}
        className={`popover__panel popover__panel--${props.placement}${flipped ? " popover__panel--flipped" : ""}`}
        hidden={!open}
      >
        {open ? props.children(close) : null}
      </div>
    </div>
  );
}

/** The bottom of what can be seen of an element: its nearest scrolling ancestor's, or the window's. */
function visibleBottom(element: HTMLElement): number {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    if (/auto|scroll|hidden/u.test(getComputedStyle(parent).overflowY)) {
      return Math.min(parent.getBoundingClientRect().bottom, window.innerHeight);
    }
  }
  return window.innerHeight;
}
