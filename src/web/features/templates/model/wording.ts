import { nextEditAllowedAt, type TemplateProblem } from "../../../../contracts/template-rules";
import type { TemplatesMessages } from "../i18n";

/** A rule's problem in the interface's language, its figures filled in (`{{2}}` as Meta writes it). */
export function problemText(problem: TemplateProblem, tt: TemplatesMessages, named: boolean): string {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(problem.params ?? {})) params[key] = String(value);
  if (params.variable && !params.variable.startsWith("{{")) params.variable = `{{${params.variable}}}`;
  if (problem.code === "variable_name_format")
    params.expected = named ? tt.namedExpected : tt.positionalExpected;
  if (params.type) params.type = tt.builder.buttonTypes[params.type] ?? params.type;
  // A code this build doesn't know yet (a newer server) falls back to the server's English words.
  const word: ((p: Record<string, string>) => string) | undefined = tt.problems[problem.code];
  return word ? word(params) : problem.message;
}

/** Meta's rejection reason in words, with what to change. */
export function rejectionWords(reason: string | null | undefined, tt: TemplatesMessages) {
  const key = (reason ?? "other") as keyof TemplatesMessages["rejection"];
  const entry = tt.rejection[key];
  return typeof entry === "object" ? entry : tt.rejection.other;
}

/** Why a template is paused or disabled, by Meta's title (a pause without one is the general case). */
export function pauseWords(status: string, reason: string | null | undefined, tt: TemplatesMessages) {
  if (status === "DISABLED") return tt.pause.DISABLED;
  const key = (reason ?? "PAUSED") as keyof TemplatesMessages["pause"];
  return tt.pause[key] ?? tt.pause.PAUSED;
}

/** Why Meta won't take an edit now, in words (the date of the next one allowed, when it is a limit). */
export function editRefusalWords(
  refusal: string,
  template: { status: string; approvedEdits: readonly string[] },
  tt: TemplatesMessages,
  date: (iso: string) => string,
): string {
  const now = new Date();
  const next = (nextEditAllowedAt(template.approvedEdits, now) ?? now).toISOString();
  switch (refusal) {
    case "status_not_editable":
      return tt.editRefusal.status_not_editable(tt.statuses[template.status] ?? template.status);
    case "edited_today":
      return tt.editRefusal.edited_today(date(next));
    case "edit_limit_month":
      return tt.editRefusal.edit_limit_month(date(next));
    case "unreadable":
      return tt.editRefusal.unreadable;
    default:
      return tt.editRefusal.category_locked;
  }
}
