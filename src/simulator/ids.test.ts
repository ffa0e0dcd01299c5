import { describe, expect, it } from "vitest";
import { newObjectId } from "./ids";

describe("Graph object ids", () => {
  it("survive a trip as a JSON number, as a template's id travels in its webhooks", () => {
    for (let i = 0; i < 20_000; i += 1) {
      const id = newObjectId();
      expect(id).toMatch(/^[1-9]\d{15}$/);
      expect(String(JSON.parse(JSON.stringify({ id: Number(id) })).id)).toBe(id);
    }
  });
});
