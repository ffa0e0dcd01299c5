import { describe, expect, it } from "vitest";
import { buildClient, buildUser } from "../../../../test/support/factories";
import { insertConversation, realtimeTabs } from "../../platform/realtime/realtime.test-kit";

/**
 * The status actions' live events reach the tabs of their client (the team sees a chat resolved,
 * snoozed, archived or marked unread; a user's other tabs follow their pins and mutes), never
 * another client's tabs.
 */

const tabs = realtimeTabs();
const tabOf = tabs.tabOf;

describe("conversation status live events", () => {
  it("announce status, archive, unread, pin and mute to the client's tabs only", async () => {
    const a = await buildClient(tabs.app);
    const b = await buildClient(tabs.app);
    const bConversation = await insertConversation(tabs.app, b.client.id);
    const bTab = await tabOf(b.owner);
    const bColleague = await tabOf(await buildUser(tabs.app, { clientId: b.client.id }));
    const aTab = await tabOf(a.owner);
    const snoozedUntil = new Date(Date.now() + 86_400_000).toISOString();

    const url = `/api/conversations/${bConversation}`;
    expect((await bTab.api.post(`${url}/status`, { status: "snoozed", snoozedUntil })).statusCode).toBe(200);
    expect((await bTab.api.post(`${url}/archive`, { isArchived: true })).statusCode).toBe(200);
    expect((await bTab.api.post(`${url}/unread`)).statusCode).toBe(200);
    const pinned = await bTab.api.request({
      method: "PUT",
      url: `${url}/preferences`,
      payload: { isPinned: true, isMuted: true },
    });
    expect(pinned.statusCode).toBe(200);

    await bColleague.events.waitFor(
      (events) => events.some((e) => e.name === "conversation:preferences"),
      "the pin's event",
    );
    const seen = bColleague.events.received.map((e) => {
      const conversation = e.payload.conversation as
        | { status: string; isArchived: boolean; isMarkedUnread: boolean; isPinned?: boolean }
        | undefined;
      return conversation
        ? [
            e.name,
            conversation.status,
            conversation.isArchived,
            conversation.isMarkedUnread,
            conversation.isPinned,
          ]
        : [e.name, e.payload.userId, e.payload.isPinned, e.payload.isMuted];
    });
    expect(seen).toEqual([
      ["conversation:updated", "snoozed", false, false, undefined],
      ["conversation:updated", "snoozed", true, false, undefined],
      ["conversation:updated", "snoozed", true, true, undefined],
      ["conversation:preferences", b.owner.id, true, true],
    ]);
    await bTab.events.waitFor((events) => events.length === 4, "the same four events in the acting tab");

    // A's tab received none of it, and cannot watch B's conversation either.
    expect(aTab.events.received).toEqual([]);
    const aSocket = aTab.socket;
    const watch = await aSocket.emitWithAck("conversation:watch", { conversationId: bConversation });
    expect(watch).toEqual({ ok: false });
    expect(aTab.events.received).toEqual([]);
  });
});
