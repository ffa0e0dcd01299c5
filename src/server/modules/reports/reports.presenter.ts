import type { ReportFigures, ReportRecruiter, ReportsResponse, ReportWeek } from "../../../contracts/reports";
import type { ResolutionRow, ResponseRow } from "./reports.repository";

/** A duration as the API gives it: whole seconds, or null when there was nothing to measure. */
const seconds = (value: number | string | null) => (value === null ? null : Math.round(Number(value)));

const NO_FIGURES: ReportFigures = {
  conversationsHandled: 0,
  responses: 0,
  firstResponseMedianSeconds: null,
  firstResponseP90Seconds: null,
  resolutions: 0,
  resolutionMedianSeconds: null,
  resolutionP90Seconds: null,
};

function figures(response: ResponseRow | undefined, resolution: ResolutionRow | undefined): ReportFigures {
  return {
    conversationsHandled: response?.handled ?? 0,
    responses: response?.responses ?? 0,
    firstResponseMedianSeconds: response ? seconds(response.median) : null,
    firstResponseP90Seconds: response ? seconds(response.p90) : null,
    resolutions: resolution?.resolutions ?? 0,
    resolutionMedianSeconds: resolution ? seconds(resolution.median) : null,
    resolutionP90Seconds: resolution ? seconds(resolution.p90) : null,
  };
}

const keyOf = (row: { grouping: number; week: string | null; user_id: string | null }) =>
  `${row.grouping}|${row.week ?? ""}|${row.user_id ?? ""}`;

/**
 * The report from the two grouped queries' rows: every week of the range (empty ones too), each
 * recruiter who answered or resolved (with their weeks), and the total.
 */
export function presentReport(input: {
  from: string;
  to: string;
  timeZone: string;
  scope: ReportsResponse["scope"];
  weekStarts: string[];
  responses: ResponseRow[];
  resolutions: ResolutionRow[];
  names: Map<string, string>;
}): ReportsResponse {
  const responses = new Map(input.responses.map((row) => [keyOf(row), row]));
  const resolutions = new Map(input.resolutions.map((row) => [keyOf(row), row]));
  const at = (grouping: number, week: string | null, userId: string | null) => {
    const key = keyOf({ grouping, week, user_id: userId });
    return figures(responses.get(key), resolutions.get(key));
  };
  // Recruiters: anyone with a row of their own (an API key's resolutions have no user and stay out).
  const userIds = new Set(
    [...input.responses, ...input.resolutions].flatMap((row) =>
      row.grouping === 2 && row.user_id && input.names.has(row.user_id) ? [row.user_id] : [],
    ),
  );
  const recruiters = [...userIds].map(
    (userId): ReportRecruiter => ({
      userId,
      name: input.names.get(userId)!,
      ...at(2, null, userId),
      weeks: input.weekStarts
        .map((weekStart): ReportWeek => ({ weekStart, ...at(0, weekStart, userId) }))
        .filter((week) => week.conversationsHandled > 0 || week.resolutions > 0),
    }),
  );
  recruiters.sort(
    (a, b) =>
      b.conversationsHandled - a.conversationsHandled ||
      b.resolutions - a.resolutions ||
      a.name.localeCompare(b.name),
  );
  const total = input.responses.length + input.resolutions.length > 0 ? at(3, null, null) : NO_FIGURES;
  return {
    from: input.from,
    to: input.to,
    timeZone: input.timeZone,
    scope: input.scope,
    weeks: input.weekStarts.map((weekStart) => ({ weekStart, ...at(1, weekStart, null) })),
    recruiters,
    total,
  };
}
