import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { apiSender, JOB_OPPORTUNITY } from "../../../../../test/support/api-sender";
import { connectedClient, eventually, simulatorControl } from "../../../../../test/support/connected";
import type { Caller } from "../../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../../test/support/test-app";
import { WEEKDAYS } from "../../../../contracts/automation";
import type { MessageResponse } from "../../../../contracts/messages";
import { sendAwayReply } from "../../automation/automation.service";
import { systemContext } from "../../deferred-context";

/**
 * Sends arriving together are stored together (`send-intake.ts`): each request still gets its own
 * answer, message, send job, event and audit entry, and the rules that a transaction each used to
 * keep hold across the group: the messaging limit counted in arrival order, an idempotency key
 * kept once.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());
beforeEach(() => app.simulator!.reset());

const template = JOB_OPPORTUNITY;

const send = (api: Caller, connectionId: string, to: string, headers: Record<string, string> = {}) =>
  api.request({
    method: "POST",
    url: "/api/messages/send",
    headers,
    payload: { connectionId, to, template },
  });

async function count(sql: string, params: unknown[]) {
  const { rows } = await app.database.query(sql, params);
  return Number((rows[0] as { n: number | string }).n);
}

describe("sends arriving together", () => {
  it("each get their message, send job, event and audit entry, and each chat its last message", async () => {
    const { api, connection, clientId } = await apiSender(app);
    const numbers = Array.from({ length: 24 }, (_, i) => `+2126611${String(i).padStart(5, "0")}`);
    const answers = await Promise.all(numbers.map((to) => send(api, connection.id, to)));
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(202);
    const ids = answers.map((a) => a.json().id as string);
    expect(new Set(ids).size).toBe(numbers.length);

    expect(
      await count(
        "SELECT count(*) AS n FROM messages WHERE client_id = $1 AND id = ANY($2) AND direction = 'outbound'",
        [clientId, ids],
      ),
    ).toBe(numbers.length);
    expect(
      await count(
        "SELECT count(*) AS n FROM pgboss.job WHERE name = 'messaging.send' AND data->>'messageId' = ANY($1)",
        [ids],
      ),
    ).toBe(numbers.length);
    expect(
      await count(
        "SELECT count(*) AS n FROM domain_events WHERE client_id = $1 AND type = 'message:created' AND payload->'message'->>'id' = ANY($2)",
        [clientId, ids],
      ),
    ).toBe(numbers.length);
    expect(
      await count(
        "SELECT count(*) AS n FROM audit_log WHERE client_id = $1 AND action = 'message.queued' AND target_id = ANY($2)",
        [clientId, ids],
      ),
    ).toBe(numbers.length);
    const { rows: chats } = await app.database.query(
      "SELECT last_message_preview, last_message_direction, is_awaiting_reply FROM conversations WHERE client_id = $1",
      [clientId],
    );
    expect(chats).toHaveLength(numbers.length);
    for (const chat of chats as {
      last_message_preview: string;
      last_message_direction: string;
      is_awaiting_reply: boolean;
    }[]) {
      expect(chat.last_message_preview).toContain("Sara");
      expect(chat.last_message_direction).toBe("outbound");
      expect(chat.is_awaiting_reply).toBe(false);
    }
  });

  it("counts the messaging limit in arrival order: the new recipients past it are refused alone, one already reached is not", async () => {
    const { api, connection, clientId } = await apiSender(app);
    await app.database.query(
      "UPDATE whatsapp_connections SET messaging_limit_tier = 'TIER_5' WHERE id = $1",
      [connection.id],
    );
    const known = "+212662000099";
    expect((await send(api, connection.id, known)).statusCode).toBe(202);
    const numbers = Array.from({ length: 8 }, (_, i) => `+2126620000${String(i).padStart(2, "0")}`);
    const answers = await Promise.all([...numbers, known].map((to) => send(api, connection.id, to)));
    const codes = answers.map((a) => a.statusCode);
    // Four places left after the first send: four new recipients, and the one reached before.
    expect(codes.filter((c) => c === 202)).toHaveLength(5);
    expect(answers.at(-1)!.statusCode).toBe(202);
    for (const refused of answers.filter((a) => a.statusCode !== 202))
      expect(refused.json().error.code).toBe("messaging_limit_reached");
    expect(
      await count("SELECT count(DISTINCT recipient) AS n FROM messaging_limit_reaches WHERE client_id = $1", [
        clientId,
      ]),
    ).toBe(5);
  });

  it("keeps one message for one idempotency key sent several times at once, and refuses it with another body", async () => {
    const { api, connection, clientId } = await apiSender(app);
    const headers = { "idempotency-key": "campaign-7-candidate-1" };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => send(api, connection.id, "+212663000001", headers)),
    );
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(202);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(
      await count("SELECT count(*) AS n FROM messages WHERE client_id = $1 AND idempotency_key = $2", [
        clientId,
        headers["idempotency-key"],
      ]),
    ).toBe(1);
    const other = await send(api, connection.id, "+212663000002", headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe("idempotency_key_reused");
  });

  it("sends an away reply while the team's sends to the same chat are being written: neither waits for the other", async () => {
    // The candidate writes with the away reply off, so that the test decides when it is sent.
    const { clientId, session, connection } = await connectedClient(app, "casablanca");
    const inbound = await simulatorControl(app)("inbound", {
      phoneNumberId: connection.phoneNumberId,
      from: "212664000001",
      profileName: "Candidat",
      type: "text",
      text: { body: "Bonjour, le poste est-il pourvu ?" },
    });
    expect(inbound.statusCode, inbound.body).toBe(200);
    const { conversation_id: chatId, id: messageId } = await eventually(async () => {
      const { rows } = await app.database.query(
        "SELECT id, conversation_id FROM messages WHERE client_id = $1 AND wamid = $2",
        [clientId, inbound.json().id],
      );
      return rows[0] as { id: string; conversation_id: string } | undefined;
    });
    const closedAllWeek = Object.fromEntries(WEEKDAYS.map((day) => [day, null]));
    const rules = await session.patch("/api/automation", {
      awayReplyEnabled: true,
      businessHours: closedAllWeek,
    });
    expect(rules.statusCode, rules.body).toBe(200);

    // The away reply claims the chat's row in its transaction while the recruiter's sends to that
    // chat are stored together in theirs.
    const sends = Array.from({ length: 12 }, (_, i) =>
      session.post("/api/messages/send", { conversationId: chatId, text: `Réponse ${i + 1}` }),
    );
    const awayReply = sendAwayReply(systemContext(app.deps, clientId, "test"), chatId, messageId);
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error("the away reply and the sends waited for each other")),
        60_000,
      );
    });
    const [outcome, answers] = await Promise.race([Promise.all([awayReply, Promise.all(sends)]), hung]);
    clearTimeout(timer);
    expect(outcome).toBe("sent");
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(202);
    const outbound = (
      (await session.get(`/api/messages/${chatId}?limit=100`)).json().messages as MessageResponse[]
    ).filter((m) => m.direction === "outbound");
    expect(outbound.filter((m) => m.automation === "away_reply")).toHaveLength(1);
    expect(outbound).toHaveLength(13);
  });
});
