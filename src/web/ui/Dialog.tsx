import { type ReactNode, useEffect, useId, useRef } from "react";
import { useT } from "../i18n/I18nProvider";
import { Icon } from "./Icon";

/**
 * A modal on the native `<dialog>`: the browser traps focus, handles Esc and the top layer.
 * Mount it to open it and unmount it to close it; focus returns to whatever opened it.
 */
export function Dialog(props: {
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  /** Confirmations use `alertdialog` so screen readers announce them as interruptions. */
  role?: "dialog" | "alertdialog";
  /** When closing must be a deliberate choice (an unsaved secret), Esc and × are disabled. */
  dismissible?: boolean;
  /** A two-column dialog (the template picker) takes most of the screen; a viewer takes all of it. */
  size?: "normal" | "wide" | "full";
  /** Buttons in the header, before ×. */
  actions?: ReactNode;
  /** A line under the title (a photo's sender and time). */
  subtitle?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const dismissible = props.dismissible !== false;
  const onCloseRef = useRef(props.onClose);
  onCloseRef.current = props.onClose;

  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={props.size && props.size !== "normal" ? `dialog dialog--${props.size}` : "dialog"}
      role={props.role === "alertdialog" ? "alertdialog" : undefined}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) onCloseRef.current();
      }}
    >
      <div className="dialog__header">
        <div className="dialog__heading">
          <h2 id={titleId} className="dialog__title">
            {props.title}
          </h2>
          {props.subtitle ? <p className="dialog__subtitle">{props.subtitle}</p> : null}
        </div>
        {props.actions ? <div className="dialog__actions">{props.actions}</div> : null}
        {dismissible ? <CloseButton onClick={props.onClose} /> : null}
      </div>
      <div className="dialog__body">{props.children}</div>
      {props.footer ? <div className="dialog__footer">{props.footer}</div> : null}
    </dialog>
  );
}

function CloseButton({ onClick }: { onClick(): void }) {
  const t = useT();
  return (
    <button type="button" className="icon-button" aria-label={t.common.close} onClick={onClick}>
      <Icon name="close" />
    </button>
  );
}
