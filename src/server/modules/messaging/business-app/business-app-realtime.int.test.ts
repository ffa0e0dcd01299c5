import { describe, expect, it } from "vitest";
import { buildClient } from "../../../../../test/support/factories";
import { clientWithActiveNumber, drainWebhooks, postWebhook } from "../../../../../test/support/webhooks";
import { realtimeTabs } from "../../../platform/realtime/realtime.test-kit";

// What the WhatsApp Business app brings in (an echo, a history chunk) reaches the tabs of the
// number's client only.
const tabs = realtimeTabs();

const change = (wabaId: string, phoneNumberId: string, field: string, value: Record<string, unknown>) => ({
  object: "whatsapp_business_account",
  entry: [
    {
      id: wabaId,
      time: Math.floor(Date.now() / 1000),
      changes: [
        {
          field,
          value: {
            messaging_product: "whatsapp",
            metadata: { display_phone_number: "212661234567", phone_number_id: phoneNumberId },
            ...value,
          },
        },
      ],
    },
  ],
});

describe("the business app's live events", () => {
  it("go to the number's client only: the echo as the team's message, the history as its chats", async () => {
    const b = await clientWithActiveNumber(tabs.app);
    const a = await buildClient(tabs.app);
    const [aTab, bTab] = [await tabs.tabOf(a.owner), await tabs.tabOf(b.owner)];
    const now = Math.floor(Date.now() / 1000);
    await postWebhook(
      tabs.app,
      change(b.wabaId, b.phoneNumberId, "smb_message_echoes", {
        message_echoes: [
          {
            from: "212661234567",
            to: "212612345678",
            id: "wamid.rt.echo",
            timestamp: String(now),
            type: "text",
            text: { body: "Du téléphone" },
          },
        ],
      }),
    );
    await postWebhook(
      tabs.app,
      change(b.wabaId, b.phoneNumberId, "history", {
        history: [
          {
            metadata: { phase: 0, chunk_order: 1, progress: 100 },
            threads: [
              {
                id: "212612345679",
                messages: [
                  {
                    from: "212612345679",
                    id: "wamid.rt.history",
                    timestamp: String(now - 3600),
                    type: "text",
                    text: { body: "Bonjour" },
                    history_context: { status: "READ" },
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    await drainWebhooks(tabs.app);
    await bTab.events.waitFor(
      (events) =>
        ["message:created", "conversation:updated", "connection:updated"].every((n) =>
          events.some((e) => e.name === n),
        ),
      "the echo, the history's chat and the import's progress",
    );
    const echo = bTab.events.received.find((e) => e.name === "message:created")!;
    expect(echo.payload.message).toMatchObject({ origin: "business_app", direction: "outbound" });
    // Nothing announced as received: no notification, no sound.
    expect(bTab.events.received.some((e) => e.name === "message:received")).toBe(false);
    expect(aTab.events.received).toEqual([]);
  });
});
