import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildConversation, buildMessage } from "../../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../../test/support/test-app";
import type { MessageResponse } from "../../../../contracts/messages";
import type { PendingEvent } from "../../../platform/events/domain-events";
import { tenantRepositories } from "../../tenant-repositories";
import { applyStatuses, type MetaStatus } from "./statuses.service";

/**
 * The statuses service called as the webhook processor calls it, in a transaction of its own: no
 * HTTP, no simulator, no waiting. Which status wins over which is the status rule's business (it
 * has tests of its own); here, what the service does with the rows.
 */
let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const apply = (clientId: string, statuses: MetaStatus[]) =>
  app.database.db.transaction((tx) => applyStatuses(tx, clientId, statuses));

const T = 1_800_000_000;
const at = (offset: number) => new Date((T + offset) * 1000);
const status = (wamid: string, name: string, offset = 0, extra: Partial<MetaStatus> = {}): MetaStatus => ({
  id: wamid,
  status: name,
  timestamp: String(T + offset),
  recipient_id: "212611000001",
  ...extra,
});

/** A message our side sent, that Meta has accepted: it has its wamid and waits for news. */
const sentMessage = (overrides: Parameters<typeof buildMessage>[1] = {}) =>
  buildMessage(app, { direction: "outbound", status: "sent", ...overrides });

const messageOf = (clientId: string, id: string) =>
  tenantRepositories(app.database.db, clientId).messages.findById(id);
const announced = (events: PendingEvent[]) =>
  events.map((e) => {
    expect(e.name).toBe("message:status");
    return (e.payload as { message: MessageResponse }).message;
  });
const parked = async (wamid: string) =>
  (
    await app.database.query("SELECT status FROM parked_statuses WHERE wamid = $1 ORDER BY id", [wamid])
  ).rows.map((r) => r.status);

describe("applyStatuses", () => {
  it("applies a status to the message of its wamid only, and announces it", async () => {
    const message = await sentMessage();
    const neighbour = await sentMessage({ conversationId: message.conversationId });

    const events = await apply(message.clientId, [status(message.wamid!, "delivered", 5)]);

    expect(await messageOf(message.clientId, message.id)).toMatchObject({
      status: "delivered",
      deliveredAt: at(5),
    });
    expect(await messageOf(message.clientId, neighbour.id)).toEqual(neighbour);
    expect(announced(events)).toEqual([
      expect.objectContaining({ id: message.id, status: "delivered", deliveredAt: at(5).toISOString() }),
    ]);
  });

  it("writes and announces a message once for a batch of its statuses, with every time kept", async () => {
    const message = await sentMessage();

    const events = await apply(message.clientId, [
      status(message.wamid!, "read", 3),
      status(message.wamid!, "sent", 1),
      status(message.wamid!, "delivered", 2),
    ]);

    expect(await messageOf(message.clientId, message.id)).toMatchObject({
      status: "read",
      sentAt: at(1),
      deliveredAt: at(2),
      readAt: at(3),
    });
    expect(announced(events).map((m) => [m.id, m.status])).toEqual([[message.id, "read"]]);
  });

  it("keeps Meta's error and the price of the conversation", async () => {
    const failing = await sentMessage();
    const billed = await sentMessage({ conversationId: failing.conversationId });

    const events = await apply(failing.clientId, [
      status(failing.wamid!, "failed", 1, {
        errors: [
          {
            code: 131026,
            title: "Message undeliverable",
            error_data: { details: "Receiver is incapable of receiving this message" },
          },
        ],
      }),
      status(billed.wamid!, "delivered", 1, {
        pricing: { billable: true, pricing_model: "PMP", category: "marketing", type: "regular" },
      }),
    ]);

    expect(await messageOf(failing.clientId, failing.id)).toMatchObject({
      status: "failed",
      failedAt: at(1),
      errorCode: 131026,
      errorTitle: "Message undeliverable",
      errorDetails: "Receiver is incapable of receiving this message",
    });
    expect(await messageOf(billed.clientId, billed.id)).toMatchObject({
      pricingCategory: "marketing",
      pricingType: "regular",
      isBillable: true,
    });
    const byId = new Map(announced(events).map((m) => [m.id, m]));
    expect(byId.get(failing.id)?.error).toMatchObject({ code: 131026, details: expect.any(String) });
    expect(byId.get(billed.id)?.pricing).toEqual({
      category: "marketing",
      type: "regular",
      isBillable: true,
    });
  });

  it("announces nothing when a status changes nothing (Meta repeats itself)", async () => {
    const message = await sentMessage();
    await apply(message.clientId, [status(message.wamid!, "delivered", 2)]);

    expect(await apply(message.clientId, [status(message.wamid!, "delivered", 2)])).toEqual([]);
  });

  it("gives a message still waiting for its wamid the one Meta reports with our id", async () => {
    const message = await buildMessage(app, { direction: "outbound", status: "sending", wamid: null });
    const wamid = `wamid.attached.${message.id}`;

    const events = await apply(message.clientId, [
      status(wamid, "sent", 1, { biz_opaque_callback_data: message.id }),
    ]);

    expect(await messageOf(message.clientId, message.id)).toMatchObject({
      wamid,
      status: "sent",
      sentAt: at(1),
    });
    expect(announced(events).map((m) => m.wamid)).toEqual([wamid]);
    expect(await parked(wamid)).toEqual([]);
  });

  it("parks a status whose wamid no message has yet, in arrival order, and announces nothing", async () => {
    const { clientId } = await buildConversation(app);
    const wamid = `wamid.not-yet-known.${clientId}`;

    const events = await apply(clientId, [status(wamid, "delivered", 2), status(wamid, "sent", 1)]);

    expect(events).toEqual([]);
    expect(await parked(wamid)).toEqual([
      expect.objectContaining({ status: "delivered" }),
      expect.objectContaining({ status: "sent" }),
    ]);
  });

  it("never touches another client's message, even given its wamid or its id", async () => {
    const theirs = await sentMessage();
    const waiting = await buildMessage(app, {
      clientId: theirs.clientId,
      conversationId: theirs.conversationId,
      direction: "outbound",
      status: "sending",
      wamid: null,
    });
    const { clientId: ours } = await buildConversation(app);

    const events = await apply(ours, [
      status(theirs.wamid!, "read", 3),
      status(`wamid.for.${waiting.id}`, "sent", 1, { biz_opaque_callback_data: waiting.id }),
    ]);

    expect(events).toEqual([]);
    expect(await messageOf(theirs.clientId, theirs.id)).toEqual(theirs);
    expect(await messageOf(theirs.clientId, waiting.id)).toEqual(waiting);
    // Not ours to apply: it waits, as for any wamid this client does not know.
    expect(await parked(theirs.wamid!)).toEqual([expect.objectContaining({ status: "read" })]);
  });
});
