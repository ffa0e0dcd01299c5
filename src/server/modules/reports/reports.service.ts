import {
  DEFAULT_REPORT_WEEKS,
  MAX_REPORT_DAYS,
  type ReportsQuery,
  type ReportsResponse,
} from "../../../contracts/reports";
import { roleMay } from "../../../contracts/roles";
import { DEFAULT_TIME_ZONE, instantToWallTime, wallTimeToInstant } from "../../../contracts/time-zone";
import { forbidden, validationFailed } from "../../platform/errors";
import type { RequestContext } from "../context";
import { presentReport } from "./reports.presenter";

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` moved by `days` (calendar arithmetic, no time zone involved). */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday of a day's week. */
function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
  return addDays(day, -((weekday + 6) % 7));
}

/** The Monday of every week from `from`'s to `to`'s. */
function weekStartsBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) weeks.push(monday);
  return weeks;
}

/**
 * The reports page: conversations handled, first response and resolution times, per week (the
 * client's time zone, Monday to Sunday) and per recruiter. Owners and admins see the whole team; a
 * recruiter sees only their own figures (`reports.readTeam`).
 *
 * @throws validation_failed when `from` is after `to` or the range is longer than `MAX_REPORT_DAYS`.
 */
export async function getReports(ctx: RequestContext, query: ReportsQuery): Promise<ReportsResponse> {
  if (ctx.actor.type !== "user") throw forbidden("Reports are for the team's users");
  const client = await ctx.repos.clients.findById(ctx.clientId);
  const timeZone = client?.timeZone ?? DEFAULT_TIME_ZONE;
  const today = instantToWallTime(new Date(), timeZone).slice(0, 10);
  const to = query.to ?? (query.from && query.from > today ? query.from : today);
  const from = query.from ?? addDays(mondayOf(to), -7 * (DEFAULT_REPORT_WEEKS - 1));
  if (from > to) throw validationFailed("from", `must be on or before to (${from} is after ${to})`);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > MAX_REPORT_DAYS)
    throw validationFailed("to", `a report covers at most ${MAX_REPORT_DAYS} days (${days} asked)`);

  const isTeam = roleMay(ctx.actor.role, "reports.readTeam");
  const range = {
    start: wallTimeToInstant(`${from}T00:00`, timeZone),
    end: wallTimeToInstant(`${addDays(to, 1)}T00:00`, timeZone),
    timeZone,
    onlyUserId: isTeam ? null : ctx.actor.userId,
  };
  const [responses, resolutions, users] = await Promise.all([
    ctx.repos.reports.responses(range),
    ctx.repos.reports.resolutions(range),
    ctx.repos.users.list(),
  ]);
  return presentReport({
    from,
    to,
    timeZone,
    scope: isTeam ? "team" : "self",
    weekStarts: weekStartsBetween(from, to),
    responses,
    resolutions,
    names: new Map(users.map((user) => [user.id, user.name])),
  });
}
