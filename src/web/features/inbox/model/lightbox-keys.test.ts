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

  it("on a zoomed photo, move it with the arrows and fit it with Esc; Esc is the dialog's otherwise", () => {
    expect(lightboxAction("ArrowRight", "ltr", true)).toEqual({ kind: "pan", x: -80, y: 0 });
    expect(lightboxAction("ArrowRight", "rtl", true)).toEqual({ kind: "pan", x: -80, y: 0 });
    expect(lightboxAction("ArrowUp", "ltr", true)).toEqual({ kind: "pan", x: 0, y: 80 });
    expect(lightboxAction("Escape", "ltr", true)).toEqual({ kind: "zoom", step: 0 });
    expect(lightboxAction("Escape", "ltr")).toBeNull();
    expect(lightboxAction("ArrowUp", "ltr")).toBeNull();
  });
});
