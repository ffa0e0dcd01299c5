import { describe, expect, it } from "vitest";
import { DEFAULT_GRAPH_VERSION, GRAPH_VERSIONS, graphVersionStanding } from "./graph-versions";

const on = (day: string) => new Date(`${day}T12:00:00Z`);

describe("Graph API versions", () => {
  it("lists newest first, each expiring after its release, the default among them", () => {
    const released = GRAPH_VERSIONS.map((v) => v.released);
    expect(released).toEqual([...released].sort().reverse());
    for (const v of GRAPH_VERSIONS) if (v.expires) expect(v.expires > v.released).toBe(true);
    expect(GRAPH_VERSIONS.map((v) => v.version)).toContain(DEFAULT_GRAPH_VERSION);
  });

  it("counts the days left of a usable version, through its last day", () => {
    expect(graphVersionStanding("v25.0", on("2026-12-05"))).toMatchObject({ kind: "usable", daysLeft: 602 });
    expect(graphVersionStanding("v21.0", on("2027-01-21"))).toMatchObject({ kind: "usable", daysLeft: 0 });
    expect(graphVersionStanding("v26.0", on("2026-12-05"))).toMatchObject({ kind: "usable", daysLeft: null });
  });

  it("answers an expired version as the oldest still usable, as Meta does", () => {
    expect(graphVersionStanding("v20.0", on("2026-12-05"))).toEqual({
      kind: "expired",
      version: "v20.0",
      expired: "2026-09-24",
      servedAs: "v21.0",
    });
    expect(graphVersionStanding("v21.0", on("2027-01-22"))).toMatchObject({
      kind: "expired",
      servedAs: "v22.0",
    });
  });

  it("knows no version before its release, nor one Meta never listed", () => {
    expect(graphVersionStanding("v26.0", on("2026-07-28")).kind).toBe("unknown");
    expect(graphVersionStanding("v99.0", on("2026-12-05")).kind).toBe("unknown");
    expect(graphVersionStanding("v25.1", on("2026-12-05")).kind).toBe("unknown");
  });
});
