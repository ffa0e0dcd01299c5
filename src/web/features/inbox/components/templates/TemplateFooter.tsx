import { useInboxI18n } from "../../i18n";
import type { TemplateFormState } from "./useTemplateForm";

/** The category and what it costs, then "send" (disabled until every variable is filled). */
export function TemplateFooter(props: {
  form: TemplateFormState;
  busy: boolean;
  onCancel(): void;
  onSend(): void;
  canSend?: boolean;
}) {
  const { t, ti } = useInboxI18n();
  const { form } = props;
  const category = form.selected?.category;
  return (
    <>
      <p className="template-footer__cost">
        {category ? (ti.templates.cost[category] ?? ti.templates.categories[category] ?? category) : ""}
        {form.selected && form.missing.length > 0 ? (
          <span className="template-footer__missing"> {ti.templates.missing}</span>
        ) : null}
      </p>
      <button type="button" className="button" onClick={props.onCancel}>
        {t.common.cancel}
      </button>
      <button
        type="button"
        className="button button--primary"
        disabled={!form.input || props.busy || props.canSend === false}
        onClick={props.onSend}
      >
        {props.busy ? ti.templates.sending : ti.templates.send}
      </button>
    </>
  );
}
