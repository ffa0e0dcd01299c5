import { describe, expect, it } from "vitest";
import { buildClient } from "../../../../test/support/factories";
import { insertConversation, realtimeTabs } from "../../platform/realtime/realtime.test-kit";

/**
 * A chat's stage and labels, and the client's lists of stages and labels, reach the tabs of their
 * client live (`conversation:updated`, `pipeline:updated`), never another client's tabs.
 */

const tabs = realtimeTabs();
const tabOf = tabs.tabOf;

describe("hiring stages and labels live events", () => {
  it("announce a chat's stage and labels and the lists' changes to the client's tabs only", async () => {
    const a = await buildClient(tabs.app);
    const b = await buildClient(tabs.app);
    const conversation = await insertConversation(tabs.app, b.client.id);
    const bTab = await tabOf(b.owner);
    const aTab = await tabOf(a.owner);

    const [stage] = (await bTab.api.get("/api/hiring-stages")).json().stages;
    const label = await bTab.api.post("/api/labels", { name: "Urgent", color: "red" });
    expect(label.statusCode).toBe(201);
    const url = `/api/conversations/${conversation}`;
    const staged = await bTab.api.request({
      method: "PUT",
      url: `${url}/stage`,
      payload: { stageId: stage.id },
    });
    expect(staged.statusCode, staged.body).toBe(200);
    expect((await bTab.api.post(`${url}/labels`, { labelId: label.json().id })).statusCode).toBe(200);

    await bTab.events.waitFor((events) => events.length === 3, "the label list, the stage and the label");
    const seen = bTab.events.received.map((e) => {
      if (e.name === "pipeline:updated") {
        const payload = e.payload as { labels: { name: string }[]; stages: unknown[] };
        return [e.name, payload.labels.map((l) => l.name), payload.stages.length];
      }
      const changed = e.payload.conversation as { id: string; stageId: string; labelIds: string[] };
      return [e.name, changed.id, changed.stageId, changed.labelIds];
    });
    expect(seen).toEqual([
      ["pipeline:updated", ["Urgent"], 6],
      ["conversation:updated", conversation, stage.id, []],
      ["conversation:updated", conversation, stage.id, [label.json().id]],
    ]);
    // A's tab received none of it.
    expect(aTab.events.received).toEqual([]);
  });
});
