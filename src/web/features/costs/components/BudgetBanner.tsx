import { Link } from "../../../app/Link";
import { formatMad, isolateLtr } from "../../../i18n/format";
import { useI18n } from "../../../i18n/I18nProvider";
import { useBudgetNotice } from "../queries";

/** Shown when this tab hears that a budget passed 80 % or 100 % of the month (`budget:crossed`). */
export function BudgetBanner() {
  const { t, locale } = useI18n();
  const { notice, dismiss } = useBudgetNotice();
  if (!notice) return null;
  const mad = (amount: number) => isolateLtr(formatMad(locale, amount));
  const text =
    notice.level === "exceeded"
      ? t.budget.exceeded(mad(notice.spentMad), mad(notice.monthlyMad))
      : t.budget.warning(mad(notice.spentMad), mad(notice.monthlyMad));
  return (
    <div className={`budget-banner budget-banner--${notice.level}`} role="status">
      <p className="budget-banner__text">{text}</p>
      <Link to="/costs" className="button">
        {t.budget.open}
      </Link>
      <button type="button" className="button" onClick={dismiss}>
        {t.budget.dismiss}
      </button>
    </div>
  );
}
