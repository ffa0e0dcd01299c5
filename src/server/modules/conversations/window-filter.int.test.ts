import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildClient, loginAs } from "../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { CONVERSATION_WINDOW_MS } from "../../../contracts/conversation-window";
import { contacts, conversations, whatsappConnections } from "../../platform/db/schema/index";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe("window filters", () => {
  it("list a chat whose window closes this very instant as closed, as the chat itself says", async () => {
    // The closed filter used to want the last message strictly before the window's start: at the
    // instant of expiry the chat was in neither list while it said its window was closed.
    const { client, owner } = await buildClient(app);
    const [connection] = await app.database.db
      .insert(whatsappConnections)
      .values({ clientId: client.id, phoneNumberId: `n-${client.id}`, accessTokenSealed: "sealed" })
      .returning();
    const [contact] = await app.database.db
      .insert(contacts)
      .values({ clientId: client.id, waId: "212611111111", phone: "+212611111111" })
      .returning();
    const now = Date.now();
    const lastInboundAt = new Date(now - CONVERSATION_WINDOW_MS);
    const [chat] = await app.database.db
      .insert(conversations)
      .values({
        clientId: client.id,
        connectionId: connection!.id,
        contactId: contact!.id,
        lastInboundAt,
        lastMessageAt: lastInboundAt,
      })
      .returning();
    const session = await loginAs(app, owner);
    const listed = async (filter: string) =>
      (await session.get(`/api/conversations?filter=${filter}`)).json().conversations as {
        id: string;
        isWindowOpen: boolean;
      }[];
    vi.spyOn(Date, "now").mockReturnValue(now);
    try {
      expect(await listed("window_open")).toEqual([]);
      expect(await listed("window_closed")).toMatchObject([{ id: chat!.id, isWindowOpen: false }]);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
