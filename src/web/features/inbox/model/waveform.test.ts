import { describe, expect, it } from "vitest";
import { peaksOf, seekTime } from "./waveform";

describe("a voice note's waveform", () => {
  it("takes the loudest sample of each slice, on any channel, scaled to the loudest", () => {
    const left = Float32Array.from([0, 0.1, -0.5, 0.2, 0, 0, 0.05, -0.05]);
    const right = Float32Array.from([0, 0, 0, 0, 0.25, -0.1, 0, 0]);
    const peaks = peaksOf([left, right], 4);
    expect(peaks).toHaveLength(4);
    for (const [bar, expected] of [0.2, 1, 0.5, 0.1].entries()) expect(peaks[bar]).toBeCloseTo(expected, 6);
  });

  it("keeps a silent slice visible as a small bar", () => {
    expect(peaksOf([Float32Array.from([0, 0, 1, 1])], 2)).toEqual([0.08, 1]);
  });

  it("has as many bars as asked even for fewer samples", () => {
    const peaks = peaksOf([Float32Array.from([0.5, -1])], 5);
    expect(peaks).toHaveLength(5);
    expect(Math.max(...peaks)).toBe(1);
  });

  it("is empty for no sound at all, so the flat bar is drawn", () => {
    expect(peaksOf([], 40)).toEqual([]);
    expect(peaksOf([new Float32Array(0)], 40)).toEqual([]);
    expect(peaksOf([new Float32Array(100)], 40)).toEqual([]);
  });

  it("seeks where the pointer is, within the sound", () => {
    expect(seekTime(50, 200, 40)).toBe(10);
    expect(seekTime(-10, 200, 40)).toBe(0);
    expect(seekTime(250, 200, 40)).toBe(40);
    expect(seekTime(50, 200, Number.NaN)).toBe(0);
  });
});
