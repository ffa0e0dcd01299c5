import type { FileProblem, LineProblem } from "./csv";
import type { CampaignsMessages } from "./i18n/fr";

/**
 * The server explains an invalid or failed row in English sentences; the known ones are said in
 * the recruiter's language, anything else (a Meta error explained by the server) is shown as is.
 */
export function describeReason(reason: string, tc: CampaignsMessages, number: (n: number) => string): string {
  if (/not a valid phone number/i.test(reason)) return tc.reasons.phone;
  const values = /needs (\d+) value/i.exec(reason);
  if (values?.[1]) return tc.reasons.values(number(Number(values[1])));
  if (/must not be empty/i.test(reason)) return tc.reasons.emptyValue;
  if (/asked to stop|opted.out/i.test(reason)) return tc.reasons.optedOut;
  const missing = /missing value for (.+)$/i.exec(reason);
  if (missing?.[1]) return tc.reasons.missingValue(missing[1]);
  return reason;
}

export function describeLineProblem(
  problem: LineProblem,
  tc: CampaignsMessages,
  number: (n: number) => string,
): string {
  switch (problem.kind) {
    case "columns":
      return tc.lineProblems.columns(number(problem.expected), number(problem.found));
    case "noPhone":
      return tc.lineProblems.noPhone;
    case "emptyValue":
      return tc.lineProblems.emptyValue(problem.column);
    case "duplicate":
      return tc.lineProblems.duplicate(number(problem.firstLine));
    case "unclosedQuote":
      return tc.lineProblems.unclosedQuote;
  }
}

export function describeFileProblem(
  problem: FileProblem,
  tc: CampaignsMessages,
  number: (n: number) => string,
): string {
  switch (problem.kind) {
    case "empty":
      return tc.fileProblems.empty;
    case "tooMany":
      return tc.fileProblems.tooMany(number(problem.max));
    case "missingColumns":
      return tc.fileProblems.missingColumns(problem.columns.join(", "));
    case "unknownColumns":
      return tc.fileProblems.unknownColumns(problem.columns.join(", "));
  }
}

/** `+212612345678` → `+212 6 12 34 56 78`; other numbers as stored. */
export function displayPhone(phone: string): string {
  const match = /^\+212(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(phone);
  return match ? `+212 ${match.slice(1).join(" ")}` : phone;
}
