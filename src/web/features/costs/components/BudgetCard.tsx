import { type FormEvent, useState } from "react";
import { roleMay } from "../../../../contracts/roles";
import { describeError } from "../../../api/errors";
import { Field } from "../../../ui/Field";
import { useRequiredSession } from "../../auth/queries";
import type { CostsResponse } from "../api";
import { useCostsI18n } from "../i18n";
import { useSaveBudget } from "../queries";

/** The month's budget against the spend; owners set, raise or remove it here. */
export function BudgetCard({ budget }: { budget: CostsResponse["budget"] }) {
  const { t, tc, mad, fmt } = useCostsI18n();
  const { user } = useRequiredSession();
  const canManage = roleMay(user.role, "budgets.manage");
  const save = useSaveBudget();
  const [value, setValue] = useState(budget.monthlyMad === null ? "" : String(budget.monthlyMad));
  const [saved, setSaved] = useState(false);
  const share = budget.monthlyMad ? Math.min(1, budget.spentMad / budget.monthlyMad) : 0;

  const submit = (event: FormEvent, remove = false) => {
    event.preventDefault();
    setSaved(false);
    const amount = Number(value.replace(",", "."));
    save.mutate(
      { monthlyMad: remove ? null : amount },
      {
        onSuccess: () => {
          setSaved(true);
          if (remove) setValue("");
        },
      },
    );
  };

  return (
    <section
      className={`card section costs-budget costs-budget--${budget.level}`}
      aria-labelledby="costs-budget-title"
    >
      <h2 id="costs-budget-title" className="section__title">
        {tc.budget}
      </h2>
      <p className="costs-budget__level">{tc.levels[budget.level]}</p>
      {budget.monthlyMad === null ? (
        <p>{tc.noBudget}</p>
      ) : (
        <>
          <p>{tc.budgetOf(mad(budget.spentMad), mad(budget.monthlyMad))}</p>
          <progress className="costs-budget__bar" max={1} value={share} aria-label={tc.budget} />
        </>
      )}
      {canManage ? (
        <form className="costs-budget__form" onSubmit={(e) => submit(e)}>
          <Field label={tc.budgetInput}>
            <input
              className="input"
              type="number"
              inputMode="decimal"
              min={0}
              step="0.01"
              dir="ltr"
              required
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          </Field>
          <div className="costs-budget__actions">
            <button type="submit" className="button button--primary" disabled={save.isPending}>
              {tc.saveBudget}
            </button>
            {budget.monthlyMad !== null ? (
              <button
                type="button"
                className="button"
                disabled={save.isPending}
                onClick={(e) => submit(e, true)}
              >
                {tc.removeBudget}
              </button>
            ) : null}
          </div>
          <p role="status" className="costs-budget__status">
            {saved ? tc.saved : save.error ? describeError(save.error, t, fmt) : ""}
          </p>
        </form>
      ) : (
        <p className="costs-budget__hint">{tc.ownersOnly}</p>
      )}
    </section>
  );
}
