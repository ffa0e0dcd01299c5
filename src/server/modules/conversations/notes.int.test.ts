import { describe, expect, it } from "vitest";
import { buildClient, buildUser } from "../../../../test/support/factories";
import { insertConversation, realtimeTabs } from "../../platform/realtime/realtime.test-kit";

/**
 * Private notes with @mentions: a note reaches the team's tabs live (`note:created`, with the ids it
 * mentions), the mentioned colleague finds it in their mentions with a count of the new ones until
 * they look, and nobody of another client hears of it.
 */

const tabs = realtimeTabs();
const tabOf = tabs.tabOf;

interface Mentions {
  mentions: { note: { id: string; body: string }; candidateName: string; isNew: boolean }[];
  newCount: number;
}

describe("notes with @mentions", () => {
  it("announce a note live to the team and tell the colleague it mentions, until they look", async () => {
    const { client, owner } = await buildClient(tabs.app);
    const other = await buildClient(tabs.app);
    const colleague = await buildUser(tabs.app, { clientId: client.id });
    const bystander = await buildUser(tabs.app, { clientId: client.id });
    const conversation = await insertConversation(tabs.app, client.id);
    const ownerTab = await tabOf(owner);
    const colleagueTab = await tabOf(colleague);
    const bystanderTab = await tabOf(bystander);
    const otherTab = await tabOf(other.owner);

    const written = await ownerTab.api.post(`/api/conversations/${conversation}/notes`, {
      body: `@${colleague.name} peux-tu appeler la candidate demain ?`,
      // The writer mentioning themself, and the colleague twice, count once: the colleague.
      mentionedUserIds: [colleague.id, colleague.id, owner.id],
    });
    expect(written.statusCode, written.body).toBe(201);
    const note = written.json();
    expect(note.mentionedUserIds).toEqual([colleague.id]);

    // Every tab of the team hears of it (the chat's notes stay current); the colleague's knows it is theirs.
    for (const tab of [ownerTab, colleagueTab, bystanderTab]) {
      await tab.events.waitFor((events) => events.some((e) => e.name === "note:created"), "the note");
      const payload = tab.events.received.find((e) => e.name === "note:created")?.payload as {
        note: { id: string; mentionedUserIds: string[] };
        candidateName: string;
      };
      expect(payload.note.id).toBe(note.id);
      expect(payload.note.mentionedUserIds).toEqual([colleague.id]);
      expect(payload.candidateName.length).toBeGreaterThan(0);
    }

    const colleagueApi = colleagueTab.api;
    const theirs = (await colleagueApi.get("/api/mentions")).json() as Mentions;
    expect(theirs.newCount).toBe(1);
    expect(theirs.mentions.map((m) => [m.note.id, m.isNew])).toEqual([[note.id, true]]);
    // The bystander and the writer were not mentioned.
    expect(((await bystanderTab.api.get("/api/mentions")).json() as Mentions).mentions).toEqual([]);
    expect(((await ownerTab.api.get("/api/mentions")).json() as Mentions).mentions).toEqual([]);

    // Looked at: no longer new, still listed; a later mention is new again.
    expect((await colleagueApi.post("/api/mentions/seen", {})).statusCode).toBe(204);
    const seen = (await colleagueApi.get("/api/mentions")).json() as Mentions;
    expect(seen.newCount).toBe(0);
    expect(seen.mentions.map((m) => m.isNew)).toEqual([false]);
    await ownerTab.api.post(`/api/conversations/${conversation}/notes`, {
      body: `@${colleague.name} c'est fait ?`,
      mentionedUserIds: [colleague.id],
    });
    const again = (await colleagueApi.get("/api/mentions")).json() as Mentions;
    expect(again.newCount).toBe(1);
    expect(again.mentions.map((m) => m.isNew)).toEqual([true, false]);

    // Another client's tab heard nothing.
    expect(otherTab.events.received).toEqual([]);
  });

  it("refuses a mention of a disabled colleague and keeps nothing", async () => {
    const { client, owner } = await buildClient(tabs.app);
    const gone = await buildUser(tabs.app, { clientId: client.id });
    const conversation = await insertConversation(tabs.app, client.id);
    const ownerTab = await tabOf(owner);
    const disabled = await ownerTab.api.patch(`/api/users/${gone.id}`, { isDisabled: true });
    expect(disabled.statusCode, disabled.body).toBe(200);
    const refused = await ownerTab.api.post(`/api/conversations/${conversation}/notes`, {
      body: "@parti",
      mentionedUserIds: [gone.id],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("validation_failed");
    expect((await ownerTab.api.get(`/api/conversations/${conversation}/notes`)).json().notes).toEqual([]);
  });
});
