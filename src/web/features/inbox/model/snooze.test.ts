import { describe, expect, it } from "vitest";
import { isInView } from "../../../../contracts/conversation-status";
import { snoozePresets, toLocalInput } from "./snooze";

describe("snooze presets", () => {
  it("offer this evening only before 17:00, tomorrow at 9:00 and next Monday at 9:00", () => {
    const tuesdayMorning = new Date(2026, 2, 10, 10, 30);
    expect(snoozePresets(tuesdayMorning).map((p) => [p.key, toLocalInput(p.at)])).toEqual([
      ["inOneHour", "2026-03-10T11:30"],
      ["tonight", "2026-03-10T18:00"],
      ["tomorrow", "2026-03-11T09:00"],
      ["nextWeek", "2026-03-16T09:00"],
    ]);
    const mondayEvening = new Date(2026, 2, 16, 19, 0);
    expect(snoozePresets(mondayEvening).map((p) => [p.key, toLocalInput(p.at)])).toEqual([
      ["inOneHour", "2026-03-16T20:00"],
      ["tomorrow", "2026-03-17T09:00"],
      ["nextWeek", "2026-03-23T09:00"],
    ]);
  });
});

describe("views", () => {
  const chat = { status: "open" as const, assigneeId: "me", isArchived: false };
  it("put active chats in Open, Mine or Unassigned; snoozed, resolved and archived apart", () => {
    expect(isInView(chat, "mine", "me")).toBe(true);
    expect(isInView(chat, "unassigned", "me")).toBe(false);
    expect(isInView({ ...chat, status: "waiting" }, "open", "me")).toBe(true);
    expect(isInView({ ...chat, status: "resolved" }, "mine", "me")).toBe(false);
    expect(isInView({ ...chat, status: "snoozed" }, "snoozed", "me")).toBe(true);
    expect(isInView({ ...chat, isArchived: true }, null, "me")).toBe(false);
    expect(isInView({ ...chat, isArchived: true, status: "resolved" }, "archived", "me")).toBe(true);
  });
});
