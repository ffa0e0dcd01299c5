import type { CampaignState } from "./campaigns";
import type { ConnectionResponse } from "./connections";
import type { ConversationResponse, NoteResponse, PreferencesResponse } from "./conversations";
import type { BudgetNotice } from "./costs";
import type { MessageResponse } from "./messages";
import type { WebhookEndpointResponse } from "./outbound-webhooks";
import type { LabelResponse, StageResponse } from "./pipeline";
import type { TemplateUpdatedPayload } from "./templates";

/**
 * Socket.io events, server to dashboard. Every event carries the id of the domain event that
 * caused it, so a tab that reconnects asks for what came after the last id it saw.
 */
export interface ServerToClientEvents {
  "message:received": (event: {
    eventId: number;
    message: MessageResponse;
    conversation: ConversationResponse;
  }) => void;
  "message:status": (event: { eventId: number; message: MessageResponse }) => void;
  "message:created": (event: {
    eventId: number;
    message: MessageResponse;
    conversation: ConversationResponse;
  }) => void;
  "conversation:updated": (event: { eventId: number; conversation: ConversationResponse }) => void;
  /**
   * A chat was folded into another chat of the same candidate on the same number: Meta showed that
   * two identities (a number and a username's BSUID) are one person, and its messages, notes and
   * labels moved to the kept chat. Tabs drop it from their lists; one showing it opens the kept chat.
   */
  "conversation:removed": (event: {
    eventId: number;
    conversationId: string;
    keptConversationId: string;
  }) => void;
  /**
   * One user pinned, unpinned, muted or unmuted a conversation: that user's other tabs follow (the
   * team's tabs receive it too and ignore another user's).
   */
  "conversation:preferences": (event: { eventId: number; userId: string } & PreferencesResponse) => void;
  /**
   * The client's hiring stages or labels were created, renamed, recoloured, reordered or deleted:
   * both lists as they are now. A deletion may have moved chats (to another stage or none, or taken
   * a label off): the dashboards load their lists again.
   */
  "pipeline:updated": (event: {
    eventId: number;
    stages: StageResponse[];
    labels: LabelResponse[];
    /** Chats changed with it (a deleted stage's or label's): lists and counts are stale. */
    movedConversations: number;
  }) => void;
  /**
   * A colleague wrote a private note on a chat: tabs showing it add it; the colleagues it
   * @mentions are told (their tabs pick their own id out of `mentionedUserIds`).
   */
  "note:created": (event: { eventId: number; note: NoteResponse; candidateName: string }) => void;
  "connection:updated": (event: { eventId: number; connection: ConnectionResponse }) => void;
  /** A template was created, edited or deleted, or Meta changed its status, category or quality. */
  "template:updated": (event: { eventId: number } & TemplateUpdatedPayload) => void;
  /** A webhook endpoint changed on its own: disabled after failing for days (the admins' notice). */
  "webhook-endpoint:updated": (event: { eventId: number; endpoint: WebhookEndpointResponse }) => void;
  /** The month's spend passed 80 % (`warning`) or 100 % (`exceeded`) of a budget. */
  "budget:crossed": (event: { eventId: number } & BudgetNotice) => void;
  /** A campaign was scheduled, started, paused, resumed, cancelled, sent again or finished. */
  "campaign:updated": (event: { eventId: number; campaignId: string; status: CampaignState }) => void;
  /**
   * Ephemeral, never stored or replayed (so no eventId): another recruiter's tab is typing in a
   * conversation this socket watches. Sent again every few seconds while typing; stale after ~6 s.
   */
  "conversation:typing": (event: { conversationId: string; userId: string; isTyping: boolean }) => void;
}

/** Server events that are not domain events: never recorded, never in a catch-up. */
export type EphemeralEventName = "conversation:typing";

/** Domain events: recorded with the change, emitted after commit, replayed by `catch-up`. */
export type RealtimeEventName = Exclude<keyof ServerToClientEvents, EphemeralEventName>;

/** What a domain event carries, by its name (its eventId included). */
export type RealtimeEventPayload<N extends RealtimeEventName> = Parameters<ServerToClientEvents[N]>[0];

/** A domain event and its name together, as a catch-up replays it: `name` tells `payload`'s shape. */
export type RealtimeEvent = {
  [N in RealtimeEventName]: { name: N; payload: RealtimeEventPayload<N> };
}[RealtimeEventName];

/** One page of a catch-up; `isComplete: false` asks for the next page (or a reload). */
export interface CatchUpPage {
  events: RealtimeEvent[];
  isComplete: boolean;
}

export interface ClientToServerEvents {
  /** Replays the events after `afterEventId` (at most a few thousand; older means reload). */
  "catch-up": (request: { afterEventId: number }, reply: (result: CatchUpPage) => void) => void;
  /** Joins a conversation's room (typing and reads of that chat); refused for another client's. */
  "conversation:watch": (
    request: { conversationId: string },
    reply: (result: { ok: boolean }) => void,
  ) => void;
  /** A recruiter's tab types (or stops) in a conversation it watches; relayed to the other watchers. */
  "conversation:typing": (request: { conversationId: string; isTyping: boolean }) => void;
}
