import { useT } from "../i18n/I18nProvider";

/** Cancel and submit for a dialog whose form lives in its body (linked by the form's id). */
export function FormDialogFooter(props: {
  formId: string;
  submitLabel: string;
  isPending: boolean;
  onCancel(): void;
}) {
  const t = useT();
  return (
    <>
      <button type="button" className="button" onClick={props.onCancel}>
        {t.common.cancel}
      </button>
      <button type="submit" form={props.formId} className="button button--primary" disabled={props.isPending}>
        {props.isPending ? t.common.saving : props.submitLabel}
      </button>
    </>
  );
}
