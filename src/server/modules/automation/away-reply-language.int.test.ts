import { afterAll, beforeAll, expect, it } from "vitest";
import { connectedClient, simulatorControl } from "../../../../test/support/connected";
import type { Caller } from "../../../../test/support/factories";
import { buildContact } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { eventually, jobsSettled } from "../../../../test/support/waiting";
import { DEFAULT_AWAY_MESSAGES, WEEKDAYS } from "../../../contracts/automation";
import type { ConversationResponse } from "../../../contracts/conversations";
import type { MessageResponse } from "../../../contracts/messages";
import { awayReplyJobRef } from "./jobs/away-reply.job-ref";

/**
 * The away reply in the candidate's own language, stored on the contact: read from what they wrote
 * before, or chosen by a recruiter. Candidates write through the simulated Meta; the worker runs.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());

const hours = (day: { open: string; close: string } | null) =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, day]));

async function chatWith(session: Caller, contactWaId: string): Promise<ConversationResponse> {
  return eventually(async () =>
    (await session.get("/api/conversations?limit=100"))
      .json<{ conversations: ConversationResponse[] }>()
      .conversations.find((c) => c.contact.waId === contactWaId),
  );
}

async function awayReplyIn(session: Caller, conversationId: string): Promise<MessageResponse> {
  return eventually(async () =>
    (await session.get(`/api/messages/${conversationId}`))
      .json<{ messages: MessageResponse[] }>()
      .messages.find((m) => m.automation === "away_reply" && m.wamid),
  );
}

it("answers in the candidate's stored language: detected before, or chosen by a recruiter over what they write", async () => {
  const { clientId, session, connection } = await connectedClient(app);
  const writes = async (from: string, body: string) => {
    const response = await simulatorControl(app)("inbound", {
      phoneNumberId: connection.phoneNumberId,
      from,
      profileName: "Candidat",
      type: "text",
      text: { body },
    });
    expect(response.statusCode).toBe(200);
  };
  const wroteArabic = "212612350001";
  const chosenEnglish = (await buildContact(app, { clientId, waId: "212612350002" })).id;
  const chosen = await session.patch(`/api/contacts/${chosenEnglish}`, { language: "en" });
  expect(chosen.json()).toMatchObject({ language: "en", languageSource: "recruiter" });

  // Within business hours: no reply, but the candidate's Arabic is kept.
  await session.patch("/api/automation", {
    awayReplyEnabled: true,
    businessHours: hours({ open: "00:00", close: "24:00" }),
  });
  await writes(wroteArabic, "السلام عليكم، واش مازال كاين الخدمة؟");
  await eventually(async () => (await chatWith(session, wroteArabic)).contact.language === "ar");
  await jobsSettled(app.database, awayReplyJobRef.name, { clientId });

  await session.patch("/api/automation", { businessHours: hours(null) });
  // "ok" tells nothing: the Arabic they wrote before decides.
  await writes(wroteArabic, "ok");
  const arabicChat = await chatWith(session, wroteArabic);
  expect((await awayReplyIn(session, arabicChat.id)).content).toEqual({
    type: "text",
    body: DEFAULT_AWAY_MESSAGES.ar,
  });

  // The recruiter chose English: kept over the Arabic they write now.
  await writes("212612350002", "السلام عليكم");
  const englishChat = await chatWith(session, "212612350002");
  expect((await awayReplyIn(session, englishChat.id)).content).toEqual({
    type: "text",
    body: DEFAULT_AWAY_MESSAGES.en,
  });
  expect(englishChat.contact).toMatchObject({ language: "en", languageSource: "recruiter" });
});
