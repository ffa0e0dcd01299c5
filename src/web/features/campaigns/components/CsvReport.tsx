import { Icon } from "../../../ui/Icon";
import type { CsvResult } from "../csv";
import { useCampaignsI18n } from "../i18n";
import { describeFileProblem, describeLineProblem } from "../reasons";

/** What the CSV gave: the problems that stop the whole file, else the rows read, and each line left out. */
export function CsvReport({ parsed }: { parsed: CsvResult }) {
  const { tc, fmt } = useCampaignsI18n();
  const lineErrors = parsed.errors;
  return (
    <div className="campaign-parse" aria-live="polite">
      {parsed.fileErrors.map((problem) => (
        <p key={problem.kind} className="alert alert--danger">
          {describeFileProblem(problem, tc, fmt.number)}
        </p>
      ))}
      {parsed.fileErrors.length === 0 ? (
        <p className="campaign-parse__count">
          <Icon name="check" size={16} />
          {tc.readRows(parsed.rows.length, fmt.number(parsed.rows.length))}
        </p>
      ) : null}
      {lineErrors.length > 0 ? (
        <details className="campaign-parse__errors" open={lineErrors.length <= 10}>
          <summary>{tc.lineErrorsTitle(lineErrors.length, fmt.number(lineErrors.length))}</summary>
          <ul>
            {lineErrors.map((error) => (
              <li key={error.line}>
                <strong>{tc.line(fmt.number(error.line))}</strong>
                {" — "}
                {describeLineProblem(error.problem, tc, fmt.number)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
