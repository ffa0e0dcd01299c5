import { describe, expect, it } from "vitest";
import { inChunks, MAX_PARAMETERS_PER_STATEMENT } from "./in-chunks";

describe("statements in chunks", () => {
  it("writes within the parameter budget, in order, and nothing for no rows", async () => {
    const rows = Array.from({ length: 10_001 }, (_, i) => i);
    const calls: number[][] = [];
    const write = async (chunk: number[]) => {
      calls.push(chunk);
      return chunk.map((n) => n * 2);
    };
    const results = await inChunks(rows, 5, write);
    expect(results).toEqual(rows.map((n) => n * 2));
    expect(calls.map((c) => c.length)).toEqual([4000, 4000, 2001]);
    expect(calls.every((c) => c.length * 5 <= MAX_PARAMETERS_PER_STATEMENT)).toBe(true);
    calls.length = 0;
    expect(await inChunks([], 5, write)).toEqual([]);
    expect(await inChunks([1, 2], 5, write)).toEqual([2, 4]);
    expect(calls).toEqual([[1, 2]]);
  });
});
