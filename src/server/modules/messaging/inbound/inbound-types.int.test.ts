import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedClient, eventually } from "../../../../../test/support/connected";
import { createTestApp, type TestApp } from "../../../../../test/support/test-app";
import type { MessagePage } from "../../../../contracts/messages";
import type { InjectInboundResponse } from "../../../../contracts/simulator";

/** Every inbound type the simulator emits, through the real path: signed webhook, worker, API. */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());

describe("every inbound message type the simulator sends", () => {
  it("is stored once with a typed content, context, referral and reaction", async () => {
    const { session, connection } = await connectedClient(app);
    const phoneNumberId = connection.phoneNumberId!;
    const inject = async (body: Record<string, unknown>) =>
      (
        await app.inject({
          method: "POST",
          url: "/simulator/control/inbound",
          payload: { phoneNumberId, from: "212612345678", ...body },
        })
      ).json<InjectInboundResponse>();

    const first = await inject({
      type: "text",
      text: { body: "Bonjour" },
      referral: { headline: "Offres à Casablanca" },
    });
    await inject({ type: "text", text: { body: "Transféré" }, context: { forwarded: true } });
    await inject({ type: "image", image: { caption: "CV" } });
    await inject({ type: "video", video: {} });
    await inject({ type: "audio", audio: { voice: true } });
    await inject({ type: "document", document: { filename: "cv.pdf" } });
    await inject({ type: "sticker", sticker: {} });
    await inject({ type: "location", location: { latitude: 33.57, longitude: -7.59, name: "Twin Center" } });
    await inject({
      type: "contacts",
      contacts: [
        {
          name: { formatted_name: "Amina Idrissi" },
          phones: [{ phone: "+212 6 00 00 00 01", wa_id: "212600000001" }],
        },
      ],
    });
    await inject({
      type: "interactive",
      interactive: { type: "button_reply", button_reply: { id: "yes", title: "Oui" } },
    });
    await inject({
      type: "interactive",
      interactive: {
        type: "list_reply",
        list_reply: { id: "job_1", title: "Soudeur", description: "Tanger" },
      },
    });
    await inject({
      type: "button",
      button: { payload: "INTERESTED", text: "Oui, intéressé(e)" },
      context: { message_id: first.id },
    });
    await inject({ type: "reaction", reaction: { message_id: first.id, emoji: "👍" } });
    await inject({ type: "unsupported" });

    const conversation = await eventually(
      async () => (await session.get("/api/conversations")).json().conversations[0],
    );
    const messages = await eventually(async () => {
      const page = (await session.get(`/api/messages/${conversation.id}?limit=50`)).json<MessagePage>();
      return page.messages.length === 14 && page.messages;
    });
    const types = messages.map((m) => m.content.type).sort();
    expect(types).toEqual(
      [
        "audio",
        "button",
        "contacts",
        "document",
        "image",
        "interactive_reply",
        "interactive_reply",
        "location",
        "reaction",
        "sticker",
        "text",
        "text",
        "unsupported",
        "video",
      ].sort(),
    );
    const byWamid = new Map(messages.map((m) => [m.wamid, m]));
    const original = byWamid.get(first.id)!;
    expect(original.referral).toMatchObject({ headline: "Offres à Casablanca" });
    expect(original.reactions).toEqual([{ emoji: "👍", direction: "inbound" }]);
    expect(messages.find((m) => m.content.type === "button")!.context!.replyToWamid).toBe(first.id);
    expect(
      messages.find((m) => m.content.type === "text" && m.content.body === "Transféré")!.context!.isForwarded,
    ).toBe(true);
    expect(messages.find((m) => m.content.type === "location")!.content).toMatchObject({
      latitude: 33.57,
      name: "Twin Center",
    });
    expect(messages.find((m) => m.content.type === "contacts")!.content).toMatchObject({
      contacts: [{ name: "Amina Idrissi" }],
    });
    // Every file was downloaded from Meta and stored.
    await eventually(async () => {
      const page = (await session.get(`/api/messages/${conversation.id}?limit=50`)).json<MessagePage>();
      const files = page.messages.flatMap((m) => ("media" in m.content ? [m.content.media] : []));
      return files.length === 5 && files.every((file) => file.status === "stored");
    });
    // The reaction is not counted as unread text, everything else is.
    expect((await session.get(`/api/conversations/${conversation.id}`)).json().unreadCount).toBe(13);
  });
});
