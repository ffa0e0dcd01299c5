import { describe, expect, it } from "vitest";
import { parseNotification } from "./domain-events";

describe("a domain events notification", () => {
  it("gives its ids, and the origin that hands them over when it names one", () => {
    expect(parseNotification("12,13,14")).toEqual({ origin: null, ids: [12, 13, 14] });
    expect(parseNotification("a1b2c3d4e5f6:12,13")).toEqual({ origin: "a1b2c3d4e5f6", ids: [12, 13] });
  });

  it("drops what is not an id, and reads an empty one as none", () => {
    expect(parseNotification("12,x,-3,0,1.5,13")).toEqual({ origin: null, ids: [12, 13] });
    expect(parseNotification("")).toEqual({ origin: null, ids: [] });
    expect(parseNotification(undefined)).toEqual({ origin: null, ids: [] });
    expect(parseNotification("a1b2c3d4e5f6:")).toEqual({ origin: "a1b2c3d4e5f6", ids: [] });
  });
});
