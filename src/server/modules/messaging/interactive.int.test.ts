import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { connectedClient, eventually, simulatorControl } from "../../../../test/support/connected";
import type { Caller } from "../../../../test/support/factories";
import { messageOf } from "../../../../test/support/messages";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { jobsSettled } from "../../../../test/support/waiting";
import type { ConversationResponse } from "../../../contracts/conversations";
import type { MessagePage, MessageResponse } from "../../../contracts/messages";
import { sendMessageJobRef } from "./outbound/send-message.job-ref";

// Questions with reply buttons or a list, and places, sent in the 24-hour window; the candidate's
// tap comes back as an answer quoting the question.
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());
beforeEach(() => app.simulator!.reset());

const control = (url: string, payload?: object) => simulatorControl(app)(url, payload);
const CANDIDATE = "212612345678";

interface Sent {
  body: Record<string, unknown> & { type?: string };
  responseStatus: number;
}
const sentTo = async (phoneNumberId: string): Promise<Sent[]> =>
  ((await control(`sent?phoneNumberId=${phoneNumberId}`)).json().sent as Sent[]).filter(
    (s) => s.body.type && s.body.type !== "text",
  );

/** A client whose candidate has just written: the window is open. */
async function openChat() {
  const { clientId, session, connection } = await connectedClient(app);
  await control("inbound", {
    phoneNumberId: connection.phoneNumberId,
    from: CANDIDATE,
    profileName: "Youssef El Amrani",
    type: "text",
    text: { body: "Bonjour, je suis intéressé" },
  });
  const conversation = await eventually(
    async () => (await session.get("/api/conversations")).json().conversations[0] as ConversationResponse,
  );
  return { clientId, session, connection, conversation };
}

async function delivered(session: Caller, message: MessageResponse): Promise<MessageResponse> {
  return eventually(async () => {
    const m = await messageOf(session, message.conversationId, message.id);
    return m.wamid !== null && m;
  });
}

const permis = {
  type: "button",
  body: "Avez-vous le permis B ?",
  buttons: [
    { id: "permis_oui", title: "Oui" },
    { id: "permis_non", title: "Non" },
  ],
};

describe("interactive questions", () => {
  it("sends reply buttons, and the candidate's tap shows as an answer quoting the question", async () => {
    const { clientId, session, connection, conversation } = await openChat();
    const response = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      interactive: permis,
    });
    expect(response.statusCode, response.body).toBe(202);
    const queued = response.json<MessageResponse>();
    expect(queued.content).toEqual({
      type: "interactive",
      kind: "button",
      header: null,
      body: "Avez-vous le permis B ?",
      footer: null,
      url: null,
      options: [
        { id: "permis_oui", title: "Oui", description: null },
        { id: "permis_non", title: "Non", description: null },
      ],
      listButton: null,
      sections: [],
    });
    const question = await delivered(session, queued);
    await jobsSettled(app.database, sendMessageJobRef.name, { clientId });
    const [sent] = await sentTo(connection.phoneNumberId!);
    expect(sent!.responseStatus).toBe(200);
    expect(sent!.body).toMatchObject({
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "Avez-vous le permis B ?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "permis_oui", title: "Oui" } },
            { type: "reply", reply: { id: "permis_non", title: "Non" } },
          ],
        },
      },
    });

    // The candidate taps "Oui" on the phone.
    await control("inbound", {
      phoneNumberId: connection.phoneNumberId,
      from: CANDIDATE,
      type: "interactive",
      interactive: { type: "button_reply", button_reply: { id: "permis_oui", title: "Oui" } },
      context: { message_id: question.wamid },
    });
    const answer = await eventually(async () => {
      const page = (await session.get(`/api/messages/${conversation.id}`)).json<MessagePage>();
      return page.messages.find((m) => m.content.type === "interactive_reply");
    });
    expect(answer.direction).toBe("inbound");
    expect(answer.content).toEqual({
      type: "interactive_reply",
      kind: "button_reply",
      replyId: "permis_oui",
      title: "Oui",
      description: null,
    });
    expect(answer.context?.replyToWamid).toBe(question.wamid);
    const after = (await session.get(`/api/conversations/${conversation.id}`)).json<ConversationResponse>();
    expect(after.lastMessagePreview).toBe("Oui");
  });

  it("sends a list in sections, with ids made for the rows given none, and takes the row chosen", async () => {
    const { session, connection, conversation } = await openChat();
    const response = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      interactive: {
        type: "list",
        body: "Quel poste vous intéresse ?",
        button: "Voir les postes",
        sections: [
          {
            title: "Casablanca",
            rows: [{ title: "Cariste", description: "CDI, équipe de nuit" }, { title: "Magasinier" }],
          },
          { title: "Tanger", rows: [{ id: "tng_soudeur", title: "Soudeur" }] },
        ],
      },
    });
    expect(response.statusCode, response.body).toBe(202);
    const queued = response.json<MessageResponse>();
    expect(queued.content).toMatchObject({
      kind: "list",
      listButton: "Voir les postes",
      options: [
        { id: "option_1", title: "Cariste", description: "CDI, équipe de nuit" },
        { id: "option_2", title: "Magasinier", description: null },
        { id: "tng_soudeur", title: "Soudeur", description: null },
      ],
      sections: [
        { title: "Casablanca", size: 2 },
        { title: "Tanger", size: 1 },
      ],
    });
    const question = await delivered(session, queued);
    const [sent] = await sentTo(connection.phoneNumberId!);
    expect(sent!.body.interactive).toEqual({
      type: "list",
      body: { text: "Quel poste vous intéresse ?" },
      action: {
        button: "Voir les postes",
        sections: [
          {
            title: "Casablanca",
            rows: [
              { id: "option_1", title: "Cariste", description: "CDI, équipe de nuit" },
              { id: "option_2", title: "Magasinier" },
            ],
          },
          { title: "Tanger", rows: [{ id: "tng_soudeur", title: "Soudeur" }] },
        ],
      },
    });

    await control("inbound", {
      phoneNumberId: connection.phoneNumberId,
      from: CANDIDATE,
      type: "interactive",
      interactive: {
        type: "list_reply",
        list_reply: { id: "option_1", title: "Cariste", description: "CDI, équipe de nuit" },
      },
      context: { message_id: question.wamid },
    });
    const answer = await eventually(async () => {
      const page = (await session.get(`/api/messages/${conversation.id}`)).json<MessagePage>();
      return page.messages.find((m) => m.content.type === "interactive_reply");
    });
    expect(answer.content).toMatchObject({ kind: "list_reply", replyId: "option_1", title: "Cariste" });
    expect(answer.context?.replyToWamid).toBe(question.wamid);
  });

  it("sends a button that opens a web page, with a header and a footer", async () => {
    const { session, connection, conversation } = await openChat();
    const response = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      interactive: {
        type: "cta_url",
        header: " Cariste – Casablanca ",
        body: "Retrouvez l'offre complète et postulez en deux minutes.",
        footer: "LinkoJob Recrutement",
        displayText: "Voir l'offre",
        url: "https://jobs.linkojob.ma/offres/cariste-casa?src=wa",
      },
    });
    expect(response.statusCode, response.body).toBe(202);
    const queued = response.json<MessageResponse>();
    expect(queued.content).toMatchObject({
      type: "interactive",
      kind: "cta_url",
      header: "Cariste – Casablanca",
      footer: "LinkoJob Recrutement",
      url: "https://jobs.linkojob.ma/offres/cariste-casa?src=wa",
      options: [{ title: "Voir l'offre" }],
    });
    await delivered(session, queued);
    const [sent] = await sentTo(connection.phoneNumberId!);
    expect(sent!.responseStatus).toBe(200);
    expect(sent!.body.interactive).toEqual({
      type: "cta_url",
      header: { type: "text", text: "Cariste – Casablanca" },
      body: { text: "Retrouvez l'offre complète et postulez en deux minutes." },
      footer: { text: "LinkoJob Recrutement" },
      action: {
        name: "cta_url",
        parameters: {
          display_text: "Voir l'offre",
          url: "https://jobs.linkojob.ma/offres/cariste-casa?src=wa",
        },
      },
    });
    const after = (await session.get(`/api/conversations/${conversation.id}`)).json<ConversationResponse>();
    expect(after.lastMessagePreview).toBe("Retrouvez l'offre complète et postulez en deux minutes.");
  });

  it("puts a header and a footer on reply buttons only when written", async () => {
    const { session, connection, conversation } = await openChat();
    const response = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      interactive: { ...permis, header: "Entretien", footer: "  " },
    });
    expect(response.statusCode, response.body).toBe(202);
    await delivered(session, response.json());
    const [sent] = await sentTo(connection.phoneNumberId!);
    expect(sent!.body.interactive).toMatchObject({ header: { type: "text", text: "Entretien" } });
    expect(sent!.body.interactive).not.toHaveProperty("footer");
  });

  it("sends a place with its name and address", async () => {
    const { session, connection, conversation } = await openChat();
    const response = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      location: {
        latitude: 33.5731,
        longitude: -7.5898,
        name: "Agence Casablanca",
        address: "12 boulevard d'Anfa",
      },
    });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json().content).toEqual({
      type: "location",
      latitude: 33.5731,
      longitude: -7.5898,
      name: "Agence Casablanca",
      address: "12 boulevard d'Anfa",
      url: null,
    });
    await delivered(session, response.json());
    const [sent] = await sentTo(connection.phoneNumberId!);
    expect(sent!.body).toMatchObject({
      type: "location",
      location: {
        latitude: 33.5731,
        longitude: -7.5898,
        name: "Agence Casablanca",
        address: "12 boulevard d'Anfa",
      },
    });
    const after = (await session.get(`/api/conversations/${conversation.id}`)).json<ConversationResponse>();
    expect(after.lastMessagePreview).toBe("[location] Agence Casablanca");
  });

  it("refuses a question or a place before the candidate has written (the window error)", async () => {
    const { session, connection } = await connectedClient(app);
    for (const content of [
      { interactive: permis },
      { location: { latitude: 33.57, longitude: -7.59, name: "Agence" } },
    ]) {
      const response = await session.post("/api/messages/send", {
        connectionId: connection.id,
        to: "0612345678",
        ...content,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe("window_closed");
    }
    expect(await sentTo(connection.phoneNumberId!)).toHaveLength(0);
  });

  it("refuses what Meta would refuse, naming each field at fault, and sends nothing", async () => {
    const { session, connection, conversation } = await openChat();
    const tooMany = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      interactive: {
        type: "button",
        body: "Quand êtes-vous disponible ?",
        buttons: [
          { title: "Lundi" },
          { title: "Mardi" },
          { title: "Mercredi" },
          { title: "Un jour de la semaine prochaine" },
        ],
      },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.code).toBe("validation_failed");
    expect(tooMany.json().error.message).toBe("body.interactive.buttons: at most 3 buttons");
    expect(
      tooMany.json().error.details.map((p: { field: string; code: string }) => `${p.field} ${p.code}`),
    ).toEqual([
      "body.interactive.buttons buttons_too_many",
      "body.interactive.buttons.3.title button_title_too_long",
    ]);

    const longList = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      interactive: {
        type: "list",
        body: "Choisissez un créneau",
        button: "Voir tous les créneaux disponibles",
        sections: [
          {
            rows: Array.from({ length: 11 }, (_, i) => ({
              title: `Créneau ${i + 1}`,
              ...(i === 0 ? { description: "x".repeat(73) } : {}),
            })),
          },
        ],
      },
    });
    expect(longList.statusCode).toBe(400);
    expect(
      longList.json().error.details.map((p: { field: string; code: string }) => `${p.field} ${p.code}`),
    ).toEqual([
      "body.interactive.button list_button_too_long",
      "body.interactive.sections.0.rows.0.description row_description_too_long",
      "body.interactive.sections rows_too_many",
    ]);

    const badLink = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      interactive: {
        type: "cta_url",
        header: "h".repeat(61),
        body: "Postulez ici",
        displayText: "Postuler maintenant en ligne",
        url: "jobs.linkojob.ma/offre",
      },
    });
    expect(badLink.statusCode).toBe(400);
    expect(
      badLink.json().error.details.map((p: { field: string; code: string }) => `${p.field} ${p.code}`),
    ).toEqual([
      "body.interactive.header header_too_long",
      "body.interactive.displayText link_button_too_long",
      "body.interactive.url url_invalid",
    ]);

    const nowhere = await session.post("/api/messages/send", {
      conversationId: conversation.id,
      location: { latitude: 95, longitude: -7.59 },
    });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().error.message).toBe(
      "body.location.latitude: the latitude is a number between -90 and 90",
    );
    expect(await sentTo(connection.phoneNumberId!)).toHaveLength(0);
  });
});
