import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedClient, simulatorControl } from "../../../../test/support/connected";
import {
  apiKeyCaller,
  buildClient,
  buildUser,
  type Caller,
  loginAs,
} from "../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { eventually, jobsSettled } from "../../../../test/support/waiting";
import { queryRows } from "../../../../test/support/webhooks";
import { WEEKDAYS } from "../../../contracts/automation";
import type { ConversationResponse } from "../../../contracts/conversations";
import type { MessageResponse } from "../../../contracts/messages";
import type { ReportFigures, ReportsResponse } from "../../../contracts/reports";
import { instantToWallTime } from "../../../contracts/time-zone";
import { awayReplyJobRef } from "../automation/jobs/away-reply.job-ref";

/**
 * The reports from a team's real day: candidates write as Meta posts their messages (dated by
 * Meta's timestamp), the away reply goes out by itself, recruiters answer and resolve through the
 * API, an integration writes with an API key. The figures are checked exactly against the times the
 * API itself shows for those messages and audit entries.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());

/** A time zone far from UTC, so a week computed in UTC would often differ. */
const TIME_ZONE = "Pacific/Kiritimati";

type Team = Awaited<ReturnType<typeof connectedClient>>;

/** The candidate writes through the simulated Meta, which delivers it now, dated `secondsAgo` back. */
async function candidateWrites(team: Team, waId: string, text: string, secondsAgo: number) {
  const response = await simulatorControl(app)("inbound", {
    phoneNumberId: team.connection.phoneNumberId!,
    from: waId,
    profileName: "Candidat",
    type: "text",
    text: { body: text },
    sentSecondsAgo: secondsAgo,
  });
  expect(response.statusCode, response.body).toBe(200);
  await eventually(async () => {
    const [stored] = await queryRows<{ n: number }>(
      app,
      "SELECT count(*)::int AS n FROM messages WHERE wamid = $1",
      [response.json().id],
    );
    return stored!.n === 1;
  });
}

async function chatWith(session: Caller, waId: string): Promise<ConversationResponse> {
  return eventually(async () =>
    ((await session.get("/api/conversations?limit=100")).json().conversations as ConversationResponse[]).find(
      (c) => c.contact.waId === waId,
    ),
  );
}

async function send(caller: Caller, conversationId: string, text: string) {
  const response = await caller.post("/api/messages/send", { conversationId, text });
  expect(response.statusCode, response.body).toBeLessThan(300);
}

async function setStatus(session: Caller, conversationId: string, status: "open" | "resolved") {
  const response = await session.post(`/api/conversations/${conversationId}/status`, { status });
  expect(response.statusCode, response.body).toBe(200);
}

const messagesOf = async (session: Caller, conversationId: string): Promise<MessageResponse[]> =>
  (await session.get(`/api/messages/${conversationId}?limit=100`)).json().messages;

/** When the message with this text happened (milliseconds, with the database's microseconds). */
async function at(conversationId: string, text: string): Promise<number> {
  const [row] = await queryRows<{ at: string }>(
    app,
    "SELECT extract(epoch FROM occurred_at) * 1000 AS at FROM messages WHERE conversation_id = $1 AND text = $2",
    [conversationId, text],
  );
  if (!row) throw new Error(`no message "${text}"`);
  return Number(row.at);
}

/** PostgreSQL's `percentile_cont`: linear interpolation between the closest ranks. */
function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  const position = fraction * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** The figures the report must give for these conversations and durations (milliseconds). */
function expected(handled: number, responses: number[], resolutions: number[]): ReportFigures {
  const seconds = (values: number[], fraction: number) =>
    values.length === 0 ? null : Math.round(percentile(values, fraction) / 1000);
  return {
    conversationsHandled: handled,
    responses: responses.length,
    firstResponseMedianSeconds: seconds(responses, 0.5),
    firstResponseP90Seconds: seconds(responses, 0.9),
    resolutions: resolutions.length,
    resolutionMedianSeconds: seconds(resolutions, 0.5),
    resolutionP90Seconds: seconds(resolutions, 0.9),
  };
}

const noFigures = expected(0, [], []);

describe("reports", () => {
  it("gives first response and resolution times per week and recruiter, away replies and API sends aside", async () => {
    const team = await connectedClient(app);
    const { session, owner } = team;
    expect((await session.patch("/api/campaigns/settings", { timeZone: TIME_ZONE })).statusCode).toBeLessThan(
      300,
    );
    // The away reply answers every candidate by itself: it is no one's response.
    const closedAllWeek = Object.fromEntries(WEEKDAYS.map((day) => [day, null]));
    const rules = await session.patch("/api/automation", {
      awayReplyEnabled: true,
      businessHours: closedAllWeek,
    });
    expect(rules.statusCode, rules.body).toBe(200);
    const recruiterUser = await buildUser(app, { clientId: team.clientId, role: "recruiter" });
    const recruiter = await loginAs(app, recruiterUser);
    const integration = await apiKeyCaller(app, owner, ["messages:send"]);

    // Amina wrote 4 minutes ago; the away reply went out; the recruiter answers, then adds a line.
    await candidateWrites(team, "212611000001", "Bonjour, le poste de soudeur est-il pourvu ?", 240);
    const amina = await chatWith(session, "212611000001");
    await jobsSettled(app.database, awayReplyJobRef.name, { clientId: team.clientId });
    await eventually(async () =>
      (await messagesOf(session, amina.id)).some((m) => m.automation === "away_reply"),
    );
    await send(recruiter, amina.id, "Bonjour Amina, non, il est encore ouvert.");
    await send(recruiter, amina.id, "Envoyez-nous votre CV.");

    // Youssef wrote 2 h 05 ago, and again a minute ago; LinkoJob's servers sent him a message with
    // an API key (no one's response), then the owner answers, and the recruiter adds a line (the wait
    // was answered already).
    await candidateWrites(team, "212611000002", "Je suis disponible dès lundi.", 7500);
    await candidateWrites(team, "212611000002", "À quelle heure ?", 60);
    const youssef = await chatWith(session, "212611000002");
    await send(integration.caller, youssef.id, "Rappel : entretien demain.");
    await send(session, youssef.id, "Merci Youssef, nous vous appelons.");
    await send(recruiter, youssef.id, "À 10 h.");

    // Karim wrote half an hour ago; the recruiter answers.
    await candidateWrites(team, "212611000003", "Bonsoir, je cherche un stage.", 1800);
    const karim = await chatWith(session, "212611000003");
    await send(recruiter, karim.id, "Bonsoir Karim, envoyez votre CV.");

    // The recruiter resolves Amina's chat; the owner reopens it and resolves it again, then Youssef's.
    await setStatus(recruiter, amina.id, "resolved");
    await setStatus(session, amina.id, "open");
    await setStatus(session, amina.id, "resolved");
    await setStatus(session, youssef.id, "resolved");

    // When those messages and status changes happened.
    const aminaWrote = await at(amina.id, "Bonjour, le poste de soudeur est-il pourvu ?");
    const aminaAnswered = await at(amina.id, "Bonjour Amina, non, il est encore ouvert.");
    const youssefWrote = await at(youssef.id, "Je suis disponible dès lundi.");
    const youssefAnswered = await at(youssef.id, "Merci Youssef, nous vous appelons.");
    const karimWrote = await at(karim.id, "Bonsoir, je cherche un stage.");
    const karimAnswered = await at(karim.id, "Bonsoir Karim, envoyez votre CV.");
    // Read where they are kept to the microsecond (the API shows milliseconds), so a rounding to
    // the second never depends on the missing digits.
    const changes = await queryRows<{ target_id: string; at: string }>(
      app,
      `SELECT target_id, extract(epoch FROM created_at) * 1000 AS at FROM audit_log
        WHERE client_id = $1 AND action = 'conversation.status_changed' ORDER BY id`,
      [team.clientId],
    );
    const ofChat = (id: string) => changes.filter((e) => e.target_id === id).map((e) => Number(e.at));
    const [aminaResolved, aminaReopened, aminaResolvedAgain] = ofChat(amina.id) as [number, number, number];
    const [youssefResolved] = ofChat(youssef.id) as [number];

    const byRecruiter = {
      handled: 3,
      responses: [aminaAnswered - aminaWrote, karimAnswered - karimWrote],
      resolutions: [aminaResolved - aminaWrote],
    };
    const byOwner = {
      handled: 1,
      responses: [youssefAnswered - youssefWrote],
      resolutions: [aminaResolvedAgain - aminaReopened, youssefResolved - youssefWrote],
    };
    // Sanity: the durations are the ones the day was made of.
    expect(Math.round(byRecruiter.responses[0]! / 60_000)).toBe(4);
    expect(Math.round(byOwner.responses[0]! / 60_000)).toBe(125);

    const report = await session.get("/api/reports");
    expect(report.statusCode, report.body).toBe(200);
    const body = report.json<ReportsResponse>();
    const today = instantToWallTime(new Date(), TIME_ZONE).slice(0, 10);
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
    const monday = new Date(Date.parse(`${today}T00:00:00Z`) - ((weekday + 6) % 7) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(body).toMatchObject({ to: today, timeZone: TIME_ZONE, scope: "team" });
    expect(body.weeks).toHaveLength(8);
    expect(body.from).toBe(body.weeks[0]!.weekStart);
    expect(body.weeks.at(-1)!.weekStart).toBe(monday);

    const team3 = expected(
      3,
      [...byRecruiter.responses, ...byOwner.responses],
      [...byRecruiter.resolutions, ...byOwner.resolutions],
    );
    expect(body.total).toEqual(team3);
    expect(body.weeks.at(-1)).toEqual({ weekStart: monday, ...team3 });
    for (const week of body.weeks.slice(0, -1))
      expect(week).toEqual({ weekStart: week.weekStart, ...noFigures });

    const recruiterFigures = expected(byRecruiter.handled, byRecruiter.responses, byRecruiter.resolutions);
    const ownerFigures = expected(byOwner.handled, byOwner.responses, byOwner.resolutions);
    expect(body.recruiters).toEqual([
      {
        userId: recruiterUser.id,
        name: recruiterUser.name,
        ...recruiterFigures,
        weeks: [{ weekStart: monday, ...recruiterFigures }],
      },
      {
        userId: owner.id,
        name: owner.name,
        ...ownerFigures,
        weeks: [{ weekStart: monday, ...ownerFigures }],
      },
    ]);

    // A recruiter sees their own figures only, never a colleague's.
    const own = (await recruiter.get("/api/reports")).json<ReportsResponse>();
    expect(own.scope).toBe("self");
    expect(own.total).toEqual(recruiterFigures);
    expect(own.weeks.at(-1)).toEqual({ weekStart: monday, ...recruiterFigures });
    expect(own.recruiters.map((r) => r.userId)).toEqual([recruiterUser.id]);

    // A range before any of it: every week there, all empty.
    const before = (await session.get("/api/reports?from=2026-01-05&to=2026-01-18")).json<ReportsResponse>();
    expect(before.weeks.map((w) => w.weekStart)).toEqual(["2026-01-05", "2026-01-12"]);
    expect(before.total).toEqual(noFigures);
    expect(before.recruiters).toEqual([]);
  });

  it("refuses a range that ends before it starts, dates that are not dates and API keys, saying why", async () => {
    const { owner } = await buildClient(app);
    const session = await loginAs(app, owner);
    const refused = async (query: string) => {
      const response = await session.get(`/api/reports?${query}`);
      expect(response.statusCode, query).toBe(400);
      return response.json().error as { code: string; message: string };
    };
    expect(await refused("from=2026-03-10&to=2026-03-01")).toMatchObject({
      code: "validation_failed",
      message: expect.stringContaining("must be on or before to"),
    });
    expect((await refused("from=2026-02-30")).message).toContain("not a date");
    expect((await refused("to=yesterday")).message).toContain("YYYY-MM-DD");
    expect((await refused("from=2024-01-01&to=2026-01-01")).message).toContain("at most 371 days");
    const key = await apiKeyCaller(app, owner, ["messages:send", "costs:read"]);
    expect((await key.caller.get("/api/reports")).statusCode).toBe(403);
  });
});
