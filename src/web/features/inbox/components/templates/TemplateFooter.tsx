import { formatMad, isolateLtr } from "../../../../i18n/format";
import { useQuote } from "../../../costs/queries";
import { useInboxI18n } from "../../i18n";
import type { TemplateFormState } from "./useTemplateForm";

/** The category and what it costs, then "send" (disabled until every variable is filled). */
export function TemplateFooter(props: {
  form: TemplateFormState;
  busy: boolean;
  onCancel(): void;
  onSend(): void;
  canSend?: boolean;
  /** The conversation it goes to: the footer then shows the send's price and the budget, by the server. */
  conversationId?: string;
}) {
  const { t, ti } = useInboxI18n();
  const { form } = props;
  const category = form.selected?.category;
  return (
    <>
      <p className="template-footer__cost">
        {category ? (ti.templates.cost[category] ?? ti.templates.categories[category] ?? category) : ""}
        {props.conversationId && category ? (
          <SendQuote conversationId={props.conversationId} category={category} />
        ) : null}
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

/** What this send will cost, priced by the server like the ledger, and whether the budget refuses it. */
function SendQuote({ conversationId, category }: { conversationId: string; category: string }) {
  const { t, locale } = useInboxI18n();
  const quote = useQuote(conversationId, category).data;
  if (!quote) return null;
  if (quote.isBillable && quote.budget.level === "exceeded")
    return (
      <span className="template-footer__missing" data-quote="blocked">
        {" "}
        {t.budget.quoteBlocked}
      </span>
    );
  return (
    <span className="template-footer__quote" data-quote={quote.isBillable ? "paid" : "free"}>
      {" · "}
      {quote.isBillable ? t.budget.quote(isolateLtr(formatMad(locale, quote.amountMad))) : t.budget.quoteFree}
    </span>
  );
}
