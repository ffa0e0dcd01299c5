import { plural } from "../../../i18n/plural";
import type { ReportsMessages } from "./fr";

export const reportsEn: ReportsMessages = {
  title: "Reports",
  intro:
    "How long candidates wait for an answer from a person of the team, how long until a conversation is resolved, and the conversations handled, week by week.",
  period: "Period",
  weeks: (n, f) => plural("en-GB", n, { one: "The last week", other: `The last ${f} weeks` }),
  ownOnly: "Your own figures: recruiters do not see their colleagues'.",
  range: (from, to) => `From ${from} to ${to}`,
  handled: "Conversations handled",
  firstResponse: "First response (median)",
  resolution: "Resolution (median)",
  p90: (duration) => `90% within ${duration}`,
  responses: (n, f) => plural("en-GB", n, { one: `${f} wait measured`, other: `${f} waits measured` }),
  resolutions: (n, f) =>
    plural("en-GB", n, { one: `${f} conversation resolved`, other: `${f} conversations resolved` }),
  chartTitle: "First response, week by week",
  chartMedian: "Median",
  chartP90: "90th percentile",
  chartSummary: (week, median, p90, handled) =>
    `Week of ${week}: median ${median}, 90th percentile ${p90}, ${handled} conversations handled`,
  week: "Week of",
  recruitersTitle: "By recruiter",
  columns: {
    recruiter: "Recruiter",
    handled: "Conversations handled",
    responses: "Responses",
    firstResponseMedian: "First response, median",
    firstResponseP90: "First response, 90th percentile",
    resolutions: "Resolutions",
    resolutionMedian: "Resolution, median",
    resolutionP90: "Resolution, 90th percentile",
  },
  emptyTitle: "No figures for this period yet",
  emptyBody:
    "They appear as soon as someone in the team answers a candidate or resolves a conversation. Automatic replies, campaigns and API sends do not count as responses.",
  definitions:
    "A wait starts with the candidate's first message since the team's last answer and ends with the next answer by a person (counted in the week of the answer). Resolution runs from the conversation's opening (or reopening) to its change to “Resolved”.",
  retry: "Try again",
};
