import { type ReactNode, useEffect, useId, useRef, useState } from "react";

/**
 * A disclosure: a button that shows a small panel of actions beside it. Esc or a click outside
 * closes it and focus goes back to the button; the first item gets focus on open.
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
      <div id={panelId} className={`popover__panel popover__panel--${props.placement}`} hidden={!open}>
        {open ? props.children(close) : null}
      </div>
    </div>
  );
}
