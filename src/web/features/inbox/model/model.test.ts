import { describe, expect, it } from "vitest";
import type { TemplateResponse } from "../../../../contracts/templates";
import { templateFixture } from "../../templates/fixtures";
import type { ConversationResponse, MessageResponse } from "../api";
import {
  type ConversationPages,
  matchesSearch,
  removeConversation,
  upsertConversation,
} from "./conversation-pages";
import { createInboxFormat } from "./dates";
import { campaignOfSearch, filtersOfSearch, inboxPath } from "./inbox-address";
import { isEmojiOnly, parseMarkup } from "./markup";
import { chronological, type MessagePages, upsertMessage } from "./message-pages";
import { isSameNumber } from "./phone";
import { parsePreview } from "./preview";
import { buildTemplateInput, languageFor, missingFields, prefill, templateShape } from "./templates";
import { buildTimeline } from "./timeline";
import { windowState } from "./window";

const contact = (id: string, name: string, phone = "+212612345678") => ({
  id,
  waId: phone.slice(1),
  bsuid: null,
  parentBsuid: null,
  username: null,
  phone,
  profileName: null,
  name,
  displayName: name,
  externalCandidateId: null,
  externalJobRef: null,
  isOptedOut: false,
  optedOutAt: null,
  optOutSource: null,
  optedInAt: null,
  optInSource: null,
  language: null,
  languageSource: null,
});

function conversation(
  id: string,
  at: string,
  patch: Partial<ConversationResponse> = {},
): ConversationResponse {
  return {
    id,
    connectionId: "c1",
    contact: contact(`k-${id}`, `Candidate ${id}`),
    lastMessageAt: at,
    lastMessagePreview: "Bonjour",
    lastMessageDirection: "inbound",
    unreadCount: 0,
    isAwaitingReply: false,
    windowExpiresAt: null,
    isWindowOpen: false,
    assigneeId: null,
    campaignId: null,
    status: "open",
    snoozedUntil: null,
    statusChangedAt: null,
    isArchived: false,
    isMarkedUnread: false,
    stageId: null,
    labelIds: [],
    createdAt: at,
    ...patch,
  };
}

function message(id: string, at: string, patch: Partial<MessageResponse> = {}): MessageResponse {
  return {
    id,
    conversationId: "conv",
    direction: "inbound",
    wamid: `wamid.${id}`,
    type: "text",
    content: { type: "text", body: id },
    status: "received",
    context: null,
    referral: null,
    reactions: [],
    error: null,
    pricing: null,
    senderUserId: null,
    automation: null,
    origin: null,
    occurredAt: at,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    ...patch,
  };
}

const params = { q: "", view: null, filter: null, connectionId: null, stage: null, label: null };
const pages = (rows: ConversationResponse[], nextCursor: string | null = null): ConversationPages => ({
  pages: [{ conversations: rows, nextCursor }],
  pageParams: [null],
});

describe("a chat folded into another", () => {
  it("leaves every page of a cached list, and a list without it unchanged", () => {
    const kept = conversation("kept", "2026-03-14T11:00:00Z");
    const folded = conversation("folded", "2026-03-14T10:00:00Z");
    const data: ConversationPages = {
      pages: [
        { conversations: [kept], nextCursor: "c1" },
        { conversations: [folded], nextCursor: null },
      ],
      pageParams: [null, "c1"],
    };
    const after = removeConversation(data, "folded");
    expect(after?.pages.map((page) => page.conversations.map((c) => c.id))).toEqual([["kept"], []]);
    expect(after?.pageParams).toEqual([null, "c1"]);
    expect(removeConversation(after, "folded")).toBe(after);
    expect(removeConversation(undefined, "folded")).toBeUndefined();
  });
});

describe("stage and label filters of the list cache", () => {
  it("keeps a chat in a stage's or label's list while it matches, and drops it when it leaves", () => {
    const filtered = { ...params, stage: "s1", label: "l1" };
    const inList = conversation("a", "2026-03-14T10:00:00Z", { stageId: "s1", labelIds: ["l1", "l2"] });
    const data = pages([inList]);
    expect(
      upsertConversation(data, { ...inList, unreadCount: 1 }, filtered, "u1")?.pages[0]?.conversations,
    ).toHaveLength(1);
    const moved = upsertConversation(data, { ...inList, stageId: "s2" }, filtered, "u1");
    expect(moved?.pages[0]?.conversations).toEqual([]);
    const unlabelled = upsertConversation(data, { ...inList, labelIds: ["l2"] }, filtered, "u1");
    expect(unlabelled?.pages[0]?.conversations).toEqual([]);
    const other = conversation("b", "2026-03-14T11:00:00Z", { stageId: "s2", labelIds: ["l1"] });
    expect(upsertConversation(data, other, filtered, "u1")?.pages[0]?.conversations.map((c) => c.id)).toEqual(
      ["a"],
    );
    expect(
      upsertConversation(data, { ...other, stageId: "s1" }, filtered, "u1")?.pages[0]?.conversations.map(
        (c) => c.id,
      ),
    ).toEqual(["b", "a"]);
  });
});

describe("conversation list cache", () => {
  it("moves a conversation with new activity to the top and inserts new ones in order", () => {
    const data = pages([
      conversation("a", "2026-03-14T10:00:00Z"),
      conversation("b", "2026-03-14T09:00:00Z"),
    ]);
    const moved = upsertConversation(data, conversation("b", "2026-03-14T11:00:00Z"), params, "u1");
    expect(moved?.pages[0]?.conversations.map((c) => c.id)).toEqual(["b", "a"]);
    const added = upsertConversation(moved, conversation("c", "2026-03-14T10:30:00Z"), params, "u1");
    expect(added?.pages[0]?.conversations.map((c) => c.id)).toEqual(["b", "c", "a"]);
  });

  it("keeps a filtered list to what matches, but updates rows already shown", () => {
    const unread = { ...params, filter: "unread" as const };
    const data = pages([conversation("a", "2026-03-14T10:00:00Z", { unreadCount: 2 })]);
    expect(upsertConversation(data, conversation("b", "2026-03-14T11:00:00Z"), unread, "u1")).toBe(data);
    const read = upsertConversation(data, conversation("a", "2026-03-14T10:00:00Z"), unread, "u1");
    expect(read?.pages[0]?.conversations[0]?.unreadCount).toBe(0);
  });

  it("keeps a campaign's list to its chats: another campaign's leave it, new ones of this one join", () => {
    const ofCampaign = { ...params, campaignId: "k1" };
    const data = pages([conversation("a", "2026-03-14T10:00:00Z", { campaignId: "k1" })]);
    const plain = conversation("b", "2026-03-14T11:00:00Z");
    expect(upsertConversation(data, plain, ofCampaign, "u1")).toBe(data);
    const joined = upsertConversation(
      data,
      conversation("c", "2026-03-14T11:00:00Z", { campaignId: "k1" }),
      ofCampaign,
      "u1",
    );
    expect(joined?.pages[0]?.conversations.map((c) => c.id)).toEqual(["c", "a"]);
    const movedOn = upsertConversation(
      joined,
      conversation("a", "2026-03-14T12:00:00Z", { campaignId: "k2" }),
      ofCampaign,
      "u1",
    );
    expect(movedOn?.pages[0]?.conversations.map((c) => c.id)).toEqual(["c"]);
  });

  it('keeps an unanswered campaign chat out of a live "All" when the client hides them, not an answered one', () => {
    const data = pages([conversation("a", "2026-03-14T10:00:00Z")]);
    const sent = conversation("b", "2026-03-14T11:00:00Z", { campaignId: "k1" });
    expect(upsertConversation(data, sent, params, "u1", true)).toBe(data);
    expect(upsertConversation(data, sent, params, "u1", false)?.pages[0]?.conversations).toHaveLength(2);
    const answered = { ...sent, windowExpiresAt: "2026-03-15T11:00:00Z" };
    expect(upsertConversation(data, answered, params, "u1", true)?.pages[0]?.conversations).toHaveLength(2);
    // The campaign's own list takes it.
    const ofCampaign = { ...params, campaignId: "k1" };
    expect(upsertConversation(data, sent, ofCampaign, "u1", true)?.pages[0]?.conversations).toHaveLength(2);
  });

  it("reads and writes the inbox's campaign filter in its address", () => {
    const id = "0b9f3c1e-4f7a-4d2b-9a51-3f0c2d7e8a11";
    expect(inboxPath(null, { campaignId: id })).toBe(`/inbox?campaign=${id}`);
    expect(inboxPath("chat 1", { campaignId: id })).toBe(`/inbox/chat%201?campaign=${id}`);
    expect(inboxPath("chat", { campaignId: null })).toBe("/inbox/chat");
    // With a stage and a label, all three travel together, and come back as they went.
    const stage = "1b9f3c1e-4f7a-4d2b-9a51-3f0c2d7e8a12";
    const both = inboxPath("chat", { campaignId: id, stage, label: null });
    expect(both).toBe(`/inbox/chat?campaign=${id}&stage=${stage}`);
    expect(filtersOfSearch(both.slice(both.indexOf("?")))).toEqual({ campaignId: id, stage, label: null });
    expect(campaignOfSearch(`?campaign=${id.toUpperCase()}`)).toBe(id);
    expect(campaignOfSearch("?campaign=not-an-id")).toBeNull();
    expect(campaignOfSearch("")).toBeNull();
  });

  it("drops a row that leaves the view (resolved, snoozed, archived) and keeps the user's pin on live updates", () => {
    const open = { ...params, view: "open" as const };
    const data = pages([
      conversation("a", "2026-03-14T10:00:00Z", { isPinned: true, isMuted: true }),
      conversation("b", "2026-03-14T09:00:00Z"),
    ]);
    const resolved = upsertConversation(
      data,
      conversation("b", "2026-03-14T09:00:00Z", { status: "resolved" }),
      open,
      "u1",
    );
    expect(resolved?.pages[0]?.conversations.map((c) => c.id)).toEqual(["a"]);
    // A live event has no per-user settings: the pinned row stays pinned, first, and muted.
    const newer = upsertConversation(
      pages([
        conversation("a", "2026-03-14T08:00:00Z", { isPinned: true }),
        conversation("c", "2026-03-14T09:00:00Z"),
      ]),
      conversation("a", "2026-03-14T08:30:00Z"),
      params,
      "u1",
    );
    expect(newer?.pages[0]?.conversations.map((c) => [c.id, c.isPinned])).toEqual([
      ["a", true],
      ["c", undefined],
    ]);
  });

  it("does not append past the loaded range while more pages exist", () => {
    const data = pages([conversation("a", "2026-03-14T10:00:00Z")], "cursor");
    expect(upsertConversation(data, conversation("old", "2026-03-01T10:00:00Z"), params, "u1")).toBe(data);
  });

  it("matches a search by name or by phone in any common format", () => {
    const row = conversation("a", "2026-03-14T10:00:00Z");
    expect(matchesSearch(row, "candidate")).toBe(true);
    expect(matchesSearch(row, "06 12 34")).toBe(true);
    expect(matchesSearch(row, "+2126123")).toBe(true);
    expect(matchesSearch(row, "nobody")).toBe(false);
  });
});

describe("message cache", () => {
  const data: MessagePages = {
    pages: [{ messages: [message("m1", "2026-03-14T10:00:00Z")], nextCursor: null }],
    pageParams: [null],
  };

  it("never moves a status backwards: a late lower status only fills in its time", () => {
    const out = message("o", "2026-03-14T10:01:00Z", {
      direction: "outbound",
      status: "read",
      readAt: "2026-03-14T10:03:00Z",
    });
    const withOut = upsertMessage(data, out);
    const late = upsertMessage(withOut, {
      ...out,
      status: "delivered",
      deliveredAt: "2026-03-14T10:02:00Z",
      readAt: null,
    });
    expect(chronological(late).at(-1)).toMatchObject({
      status: "read",
      deliveredAt: "2026-03-14T10:02:00Z",
      readAt: "2026-03-14T10:03:00Z",
    });
  });

  it("shows a failure reported after the message was read (it used to keep the blue ticks)", () => {
    const out = message("o", "2026-03-14T10:01:00Z", { direction: "outbound", status: "read" });
    const error = { code: 131047, title: "Re-engagement message", details: null, explanation: "too late" };
    const failed = upsertMessage(upsertMessage(data, out), {
      ...out,
      status: "failed",
      failedAt: "2026-03-14T10:04:00Z",
      error,
    });
    expect(chronological(failed).at(-1)).toMatchObject({ status: "failed", error });
    const stale = upsertMessage(failed, { ...out, status: "read" });
    expect(chronological(stale).at(-1)).toMatchObject({ status: "failed", error });
  });

  it("replaces the local copy of a send with the server's, once", () => {
    const local = message("local:k1", "2026-03-14T10:01:00Z", {
      direction: "outbound",
      status: "queued",
      wamid: null,
    });
    const server = { ...local, id: "s1", status: "queued" as const };
    const result = upsertMessage(upsertMessage(data, local), server);
    expect(chronological(result).map((m) => m.id)).toEqual(["m1", "s1"]);
  });

  it("shows a reaction on its target instead of as a bubble", () => {
    const reaction = message("r", "2026-03-14T10:02:00Z", {
      content: { type: "reaction", targetWamid: "wamid.m1", emoji: "👍" },
    });
    const result = upsertMessage(data, reaction);
    expect(chronological(result)).toHaveLength(1);
    expect(chronological(result)[0]?.reactions).toEqual([{ emoji: "👍", direction: "inbound" }]);
  });
});

describe("text", () => {
  it("parses WhatsApp markup into tokens, never HTML", () => {
    expect(parseMarkup("*gras* et _ital_ ~barré~")).toEqual([
      { kind: "bold", children: [{ kind: "text", text: "gras" }] },
      { kind: "text", text: " et " },
      { kind: "italic", children: [{ kind: "text", text: "ital" }] },
      { kind: "text", text: " " },
      { kind: "strike", children: [{ kind: "text", text: "barré" }] },
    ]);
    expect(parseMarkup("<img src=x onerror=alert(1)>")).toEqual([
      { kind: "text", text: "<img src=x onerror=alert(1)>" },
    ]);
    expect(parseMarkup("voir https://linkojob.ma/offres/42.")).toEqual([
      { kind: "text", text: "voir " },
      { kind: "link", text: "https://linkojob.ma/offres/42", href: "https://linkojob.ma/offres/42" },
      { kind: "text", text: "." },
    ]);
  });

  it("tells emoji-only messages", () => {
    expect(isEmojiOnly("👍🙏")).toBe(true);
    expect(isEmojiOnly("ok 👍")).toBe(false);
  });

  it("reads the server's preview kinds", () => {
    expect(parsePreview("[document] CV.pdf")).toEqual({ kind: "document", text: "CV.pdf" });
    expect(parsePreview("Bonjour")).toEqual({ kind: "text", text: "Bonjour" });
  });
});

describe("window, dates and timeline", () => {
  const now = Date.parse("2026-03-14T12:00:00Z");
  it("counts the window down and warns under two hours", () => {
    expect(windowState(null, now)).toEqual({ kind: "never" });
    expect(windowState("2026-03-14T11:00:00Z", now)).toEqual({ kind: "closed" });
    expect(windowState("2026-03-14T13:40:00Z", now)).toEqual({ kind: "closing", minutesLeft: 100 });
    expect(windowState("2026-03-15T09:00:00Z", now).kind).toBe("open");
  });

  it("names days as people do", () => {
    const fr = createInboxFormat("fr");
    const today = new Date(now);
    expect(fr.day(today.toISOString(), now)).toMatch(/^Aujourd/u);
    expect(fr.day(new Date(now - 86_400_000).toISOString(), now)).toBe("Hier");
    expect(fr.duration(42)).toBe("0:42");
  });

  it("puts day chips, the unread divider and group starts", () => {
    const items = buildTimeline(
      [
        message("a", "2026-03-13T10:00:00Z"),
        message("b", "2026-03-14T10:00:00Z", { direction: "outbound", status: "read", senderUserId: "u" }),
        message("c", "2026-03-14T10:01:00Z"),
        message("d", "2026-03-14T10:02:00Z"),
      ],
      2,
    );
    expect(items.map((item) => item.kind)).toEqual([
      "day",
      "message",
      "day",
      "message",
      "unread",
      "message",
      "message",
    ]);
    const groupStarts = items.flatMap((item) => (item.kind === "message" ? [item.isGroupStart] : []));
    expect(groupStarts).toEqual([true, true, true, false]);
  });
});

describe("templates", () => {
  const template = (patch: Partial<TemplateResponse>): TemplateResponse =>
    templateFixture({ id: "t", connectionId: "c", metaTemplateId: "m", ...patch });

  it("proposes the templates' language that is the candidate's, a regional variant too, else none", () => {
    expect(languageFor(["ar", "en_US", "fr"], "fr")).toBe("fr");
    expect(languageFor(["ar", "en_GB", "en_US", "fr"], "en")).toBe("en_GB");
    expect(languageFor(["en", "en_US"], "en")).toBe("en");
    expect(languageFor(["fr"], "ar")).toBeNull();
    expect(languageFor(["fr"], null)).toBeNull();
  });

  it("finds named variables, header text and URL suffixes, and builds what the server expects", () => {
    const named = template({
      components: [
        { type: "HEADER", format: "TEXT", text: "Entretien : {{job_title}}" },
        { type: "BODY", text: "Bonjour {{first_name}}, le {{date}}." },
        { type: "BUTTONS", buttons: [{ type: "URL", text: "Voir", url: "https://linkojob.ma/o/{{1}}" }] },
      ],
    });
    const shape = templateShape(named);
    expect(shape.fields.map((field) => field.key)).toEqual([
      "header.job_title",
      "body.first_name",
      "body.date",
      "button.0",
    ]);
    const values: Record<string, string> = {
      ...prefill(shape, "Fatima Zahra"),
      "header.job_title": "Comptable",
      "body.date": "12 mars",
    };
    expect(values["body.first_name"]).toBe("Fatima");
    expect(missingFields(shape, values).map((field) => field.key)).toEqual(["button.0"]);
    expect(buildTemplateInput(named, shape, { ...values, "button.0": "42" })).toEqual({
      name: "interview_invitation",
      language: "fr",
      headerText: [{ name: "job_title", text: "Comptable" }],
      body: [
        { name: "first_name", text: "Fatima" },
        { name: "date", text: "12 mars" },
      ],
      buttons: [{ index: 0, subType: "url", value: "42" }],
    });
  });

  it("pre-fills only the greeted variable of a positional template", () => {
    const positional = template({
      parameterFormat: "POSITIONAL",
      components: [{ type: "BODY", text: "Salon de {{1}} le {{2}}" }],
    });
    expect(prefill(templateShape(positional), "Youssef")).toEqual({});
    const greeting = template({
      parameterFormat: "POSITIONAL",
      components: [{ type: "BODY", text: "Bonjour {{1}}, poste {{2}}" }],
    });
    expect(prefill(templateShape(greeting), "Youssef")).toEqual({ "body.1": "Youssef" });
  });

  it("gives positional values by number, as the server reads them, even when the text uses them out of order", () => {
    // The values used to go in reading order ("Casablanca" first), which the server put in {{1}}.
    const outOfOrder = template({
      parameterFormat: "POSITIONAL",
      components: [{ type: "BODY", text: "Poste à {{2}} pour {{1}}" }],
    });
    const shape = templateShape(outOfOrder);
    expect(shape.fields.map((field) => field.key)).toEqual(["body.1", "body.2"]);
    expect(
      buildTemplateInput(outOfOrder, shape, { "body.1": "Youssef", "body.2": "Casablanca" }).body,
    ).toEqual([{ text: "Youssef" }, { text: "Casablanca" }]);
  });
});

describe("a number typed for a new conversation", () => {
  it("is a stored number when its digits, prefixes aside, end it; a fragment is no one's", () => {
    for (const typed of ["06 12 34 56 78", "+212 6 12 34 56 78", "00212612345678", "(0)612-345-678"])
      expect(isSameNumber(typed, "+212612345678")).toBe(true);
    expect(isSameNumber("06 12 34 56 79", "+212612345678")).toBe(false);
    expect(isSameNumber("345678", "+212612345678")).toBe(false);
    expect(isSameNumber("0612345678", null)).toBe(false);
  });
});
