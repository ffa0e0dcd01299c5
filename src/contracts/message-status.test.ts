import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DELIVERY_STATUSES,
  type DeliveryState,
  type DeliveryStatus,
  type MessageStatus,
  mergeDelivery,
  mergeStatus,
  reportedDelivery,
} from "./message-status";

/** Every state an outbound message can be in, lowest first: the order the rule promises. */
const OUTBOUND: MessageStatus[] = ["queued", "sending", "sent", "delivered", "read", "failed"];
const highest = (set: Iterable<MessageStatus>) =>
  OUTBOUND[Math.max(...[...set].map((status) => OUTBOUND.indexOf(status)))];
const fold = (statuses: MessageStatus[]) => statuses.reduce(mergeStatus);

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

function subsets<T>(items: T[]): T[][] {
  const all: T[][] = [[]];
  for (const item of items) for (const set of [...all]) all.push([...set, item]);
  return all;
}

describe("message status", () => {
  it.each<[MessageStatus, MessageStatus, MessageStatus]>([
    ["queued", "sending", "sending"],
    ["sending", "queued", "sending"],
    ["sending", "sent", "sent"],
    ["sent", "delivered", "delivered"],
    ["delivered", "sent", "delivered"],
    ["read", "delivered", "read"],
    ["read", "sent", "read"],
    ["delivered", "failed", "failed"],
    ["read", "failed", "failed"],
    ["failed", "read", "failed"],
    ["failed", "sent", "failed"],
    ["received", "read", "received"],
    ["read", "received", "received"],
  ])("%s then %s is %s", (current, incoming, expected) => {
    expect(mergeStatus(current, incoming)).toBe(expected);
  });

  it("ends in the highest status of the set, for every order of every set of statuses", () => {
    for (const set of subsets(OUTBOUND).filter((set) => set.length > 0)) {
      const finals = new Set(permutations(set).map(fold));
      expect([...finals], set.join(", ")).toEqual([highest(set)]);
    }
  });

  it("ends in the same state whatever order and however often the statuses arrive", () => {
    const arrivals = fc
      .array(fc.constantFrom(...OUTBOUND), { minLength: 1, maxLength: 20 })
      .chain((statuses) =>
        fc.tuple(fc.constant(statuses), fc.shuffledSubarray(statuses, { minLength: statuses.length })),
      );
    fc.assert(
      fc.property(arrivals, ([statuses, reordered]) => {
        expect(fold(reordered)).toBe(fold(statuses));
        expect(fold(statuses)).toBe(highest(statuses));
      }),
    );
  });
});

describe("message delivery times", () => {
  const none: DeliveryState<Date> = {
    status: "sending",
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
  };
  const at = (seconds: number) => new Date(1_800_000_000_000 + seconds * 1000);
  const apply = (reports: [DeliveryStatus, Date][]) =>
    reports.reduce((state, [status, time]) => mergeDelivery(state, reportedDelivery(status, time)), none);

  it("fills in the time of a lower status that arrives late, without moving the state down", () => {
    const state = apply([
      ["read", at(3)],
      ["delivered", at(2)],
      ["sent", at(1)],
    ]);
    expect(state).toEqual({
      status: "read",
      sentAt: at(1),
      deliveredAt: at(2),
      readAt: at(3),
      failedAt: null,
    });
  });

  it("keeps a status at its earliest time when Meta sends it again", () => {
    expect(
      apply([
        ["delivered", at(5)],
        ["delivered", at(2)],
        ["delivered", at(9)],
      ]).deliveredAt,
    ).toEqual(at(2));
  });

  it("merges ISO times as the dashboard holds them", () => {
    const known = {
      ...reportedDelivery("read", "2026-03-14T10:02:00.000Z"),
      sentAt: "2026-03-14T10:00:00.000Z",
    };
    const late = { ...reportedDelivery("delivered", "2026-03-14T10:01:00.000Z") };
    expect(mergeDelivery(known, late)).toEqual({
      status: "read",
      sentAt: "2026-03-14T10:00:00.000Z",
      deliveredAt: "2026-03-14T10:01:00.000Z",
      readAt: "2026-03-14T10:02:00.000Z",
      failedAt: null,
    });
  });

  it("ends in one state, times included, for every order of a set of reports with repeats", () => {
    const report = fc.tuple(fc.constantFrom(...DELIVERY_STATUSES), fc.integer({ min: 0, max: 1000 }));
    const arrivals = fc
      .array(report, { minLength: 1, maxLength: 12 })
      .chain((reports) =>
        fc.tuple(fc.constant(reports), fc.shuffledSubarray(reports, { minLength: reports.length })),
      );
    fc.assert(
      fc.property(arrivals, ([reports, reordered]) => {
        const timed = (list: typeof reports) => list.map(([s, t]): [DeliveryStatus, Date] => [s, at(t)]);
        const state = apply(timed(reports));
        expect(apply(timed(reordered))).toEqual(state);
        expect(state.status).toBe(highest(reports.map(([status]) => status)));
        const first = (wanted: DeliveryStatus) => {
          const times = reports.filter(([status]) => status === wanted).map(([, t]) => t);
          return times.length > 0 ? at(Math.min(...times)) : null;
        };
        expect([state.sentAt, state.deliveredAt, state.readAt, state.failedAt]).toEqual(
          DELIVERY_STATUSES.map(first),
        );
      }),
    );
  });
});
