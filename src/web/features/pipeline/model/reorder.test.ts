import { describe, expect, it } from "vitest";
import { movedTo } from "./reorder";

const stages = ["contacted", "screening", "interview", "offer", "hired"];

describe("a stage dropped on another's place", () => {
  it("moving down: takes the target's place, the ones between move up", () => {
    expect(movedTo(stages, "screening", "offer")).toEqual([
      "contacted",
      "interview",
      "offer",
      "screening",
      "hired",
    ]);
  });

  it("moving up: takes the target's place, the ones between move down", () => {
    expect(movedTo(stages, "offer", "contacted")).toEqual([
      "offer",
      "contacted",
      "screening",
      "interview",
      "hired",
    ]);
  });

  it("to the last place and from the first", () => {
    expect(movedTo(stages, "contacted", "hired")).toEqual([
      "screening",
      "interview",
      "offer",
      "hired",
      "contacted",
    ]);
  });

  it("nothing to save for a drop on itself or an id that is not a stage (another tab deleted it)", () => {
    expect(movedTo(stages, "offer", "offer")).toBeNull();
    expect(movedTo(stages, "gone", "offer")).toBeNull();
    expect(movedTo(stages, "offer", "gone")).toBeNull();
  });
});
