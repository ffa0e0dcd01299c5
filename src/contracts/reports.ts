import { z } from "zod";

/** A calendar day, `YYYY-MM-DD`, in the client's time zone. */
export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, "is not a date of the calendar");

/** A report covers at most this many days (a year and a week). */
export const MAX_REPORT_DAYS = 371;

/** Weeks shown when the range is left out: this one and the seven before. */
export const DEFAULT_REPORT_WEEKS = 8;

export const ReportsQuery = z.object({
  /** First day, included (the client's time zone); eight weeks back, from a Monday, when left out. */
  from: Day.optional(),
  /** Last day, included (the client's time zone); today when left out. */
  to: Day.optional(),
});
export type ReportsQuery = z.infer<typeof ReportsQuery>;

/** The figures of a week, a recruiter or the whole range. Durations in seconds; null when nothing to measure. */
export const ReportFigures = z.object({
  /** Conversations a person of the team wrote in (campaign sends and automatic replies aside). */
  conversationsHandled: z.number().int(),
  /** Candidates' waits answered by a person: each is one first response time. */
  responses: z.number().int(),
  firstResponseMedianSeconds: z.number().nullable(),
  firstResponseP90Seconds: z.number().nullable(),
  /** Conversations marked resolved. */
  resolutions: z.number().int(),
  resolutionMedianSeconds: z.number().nullable(),
  resolutionP90Seconds: z.number().nullable(),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export const ReportWeek = ReportFigures.extend({
  /** The week's Monday (weeks run Monday to Sunday in the client's time zone). */
  weekStart: Day,
});
export type ReportWeek = z.infer<typeof ReportWeek>;

export const ReportRecruiter = ReportFigures.extend({
  userId: z.uuid(),
  name: z.string(),
  /** The recruiter's figures week by week (only the weeks they did something). */
  weeks: z.array(ReportWeek),
});
export type ReportRecruiter = z.infer<typeof ReportRecruiter>;

export const ReportsResponse = z.object({
  from: Day,
  to: Day,
  /** The client's time zone, in which days and weeks are counted. */
  timeZone: z.string(),
  /** `team`: every recruiter's figures (owners and admins); `self`: only the caller's own (recruiters). */
  scope: z.enum(["team", "self"]),
  /** Every week the range touches, oldest first, empty ones included. */
  weeks: z.array(ReportWeek),
  /** Each recruiter who answered or resolved in the range, by most conversations handled. */
  recruiters: z.array(ReportRecruiter),
  total: ReportFigures,
});
export type ReportsResponse = z.infer<typeof ReportsResponse>;
