import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, type Caller, loginAs } from "../../../../test/support/factories";
import { buildConnection, buildConversation, buildMessage } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import type { ChatMediaPage } from "../../../contracts/messages";

/**
 * The lightbox's window on a chat's photos and videos (`GET /api/messages/{id}/media?around=`):
 * the ones around the opened one, oldest first, with their place among all of the chat's, and
 * nothing else (texts, voice notes, another chat's photos).
 */
let app: TestApp;
let session: Caller;
let chat: string;
let other: string;
/** The chat's photos and videos, oldest first. */
const shots: string[] = [];
let text: string;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

async function media(conversationId: string, type: "image" | "video" | "audio", at: number) {
  const row = await buildMessage(app, {
    conversationId,
    type,
    occurredAt: minutesAgo(at),
    content: {
      content: {
        type,
        media: {
          id: null,
          status: "stored",
          mimeType: `${type}/x`,
          filename: null,
          sizeBytes: null,
          caption: `${type} ${at}`,
        },
      },
    },
  });
  return row.id;
}

beforeAll(async () => {
  app = await createTestApp();
  const { client, owner } = await buildClient(app);
  session = await loginAs(app, owner);
  const connection = await buildConnection(app, { clientId: client.id });
  chat = (await buildConversation(app, { clientId: client.id, connectionId: connection.id })).id;
  other = (await buildConversation(app, { clientId: client.id, connectionId: connection.id })).id;
  for (let at = 60; at > 0; at -= 10) {
    shots.push(await media(chat, at === 30 ? "video" : "image", at));
    await media(chat, "audio", at - 1);
  }
  text = (await buildMessage(app, { conversationId: chat, body: "Bonjour", occurredAt: minutesAgo(5) })).id;
  await media(other, "image", 15);
});

afterAll(() => app.close());

async function around(id: string, limit: number, conversationId = chat) {
  return session.get(`/api/messages/${conversationId}/media?around=${id}&limit=${limit}`);
}

describe("a chat's photos and videos for the lightbox", () => {
  it("lists the ones around the opened one, oldest first, with their place among all", async () => {
    const response = await around(shots[3] as string, 2);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as ChatMediaPage;
    expect(page.items.map((m) => m.id)).toEqual(shots.slice(1, 6));
    expect(page.firstPosition).toBe(2);
    expect(page.total).toBe(6);
    expect(page.items.map((m) => m.type)).toEqual(["image", "image", "video", "image", "image"]);
  });

  it("stops at the chat's first and last ones", async () => {
    const first = (await around(shots[0] as string, 3)).json() as ChatMediaPage;
    expect(first.items.map((m) => m.id)).toEqual(shots.slice(0, 4));
    expect(first.firstPosition).toBe(1);
    const last = (await around(shots[5] as string, 50)).json() as ChatMediaPage;
    expect(last.items.map((m) => m.id)).toEqual(shots);
    expect(last.firstPosition).toBe(1);
  });

  it("is not found around a message that is no photo or video of this chat", async () => {
    expect((await around(text, 5)).statusCode).toBe(404);
    expect((await around(shots[0] as string, 5, other)).statusCode).toBe(404);
    expect((await around("0190a0a0-0000-7000-8000-000000000000", 5)).statusCode).toBe(404);
  });
});
