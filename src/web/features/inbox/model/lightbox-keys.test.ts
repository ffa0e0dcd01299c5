import { describe, expect, it } from "vitest";
import { lightboxAction } from "./lightbox-keys";

describe("the lightbox's keys", () => {
  it("move in the reading direction", () => {
    expect(lightboxAction("ArrowRight", "ltr")).toEqual({ kind: "go", step: 1 });
    expect(lightboxAction("ArrowLeft", "ltr")).toEqual({ kind: "go", step: -1 });
    expect(lightboxAction("ArrowLeft", "rtl")).toEqual({ kind: "go", step: 1 });
    expect(lightboxAction("ArrowRight", "rtl")).toEqual({ kind: "go", step: -1 });
  });

  it("zoom with + and -, and fit with 0", () => {
    expect(lightboxAction("+", "ltr")).toEqual({ kind: "zoom", step: 1 });
    expect(lightboxAction("=", "rtl")).toEqual({ kind: "zoom", step: 1 });
    expect(lightboxAction("-", "ltr")).toEqual({ kind: "zoom", step: -1 });
    expect(lightboxAction("0", "ltr")).toEqual({ kind: "zoom", step: 0 });
    expect(lightboxAction("a", "ltr")).toBeNull();
  });
});
