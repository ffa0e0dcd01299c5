import { useEffect, useRef } from "react";
import { useT } from "../i18n/I18nProvider";
import { Dialog } from "./Dialog";

/**
 * Asks before a destructive action. Focus starts on Cancel, so Enter alone never destroys anything;
 * an error from the action is shown inside and the dialog stays open.
 */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirmLabel: string;
  pending: boolean;
  error?: string | null;
  onConfirm(): void;
  onClose(): void;
}) {
  const t = useT();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <Dialog
      title={props.title}
      role="alertdialog"
      onClose={props.onClose}
      footer={
        <>
          <button ref={cancelRef} type="button" className="button" onClick={props.onClose}>
            {t.common.cancel}
          </button>
          <button
            type="button"
            className="button button--danger"
            disabled={props.pending}
            onClick={props.onConfirm}
          >
            {props.confirmLabel}
          </button>
        </>
      }
    >
      <p>{props.body}</p>
      {props.error ? (
        <p className="alert alert--danger" role="alert">
          {props.error}
        </p>
      ) : null}
    </Dialog>
  );
}
