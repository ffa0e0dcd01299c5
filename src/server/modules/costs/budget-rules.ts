import type { BudgetLevel } from "../../../contracts/costs";

/** From this share of the budget the team is warned. */
export const WARNING_SHARE = 0.8;

/** Where a month's spend stands against a budget (`none` without one). */
export function budgetLevel(monthlyMad: number | null | undefined, spentMad: number): BudgetLevel {
  if (monthlyMad === null || monthlyMad === undefined) return "none";
  if (spentMad >= monthlyMad) return "exceeded";
  if (spentMad >= monthlyMad * WARNING_SHARE) return "warning";
  return "ok";
}
