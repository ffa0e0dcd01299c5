import { describe, expect, it } from "vitest";
import { href, parsePath, type Route, safeNextPath } from "./router";

describe("router", () => {
  it("parses every screen and builds its path back", () => {
    const routes: Route[] = [
      { name: "login" },
      { name: "inbox", conversationId: null },
      { name: "inbox", conversationId: "c0ffee-42" },
      { name: "connections" },
      { name: "templates" },
      { name: "templateNew" },
      { name: "template", templateId: "7d0c-1" },
      { name: "templateEdit", templateId: "7d0c-1" },
      { name: "team" },
      { name: "webhooks" },
      { name: "webhook", endpointId: "5e1d-9" },
      { name: "settings" },
    ];
    for (const route of routes) expect(parsePath(href(route))).toEqual(route);
  });

  it("treats / as the inbox, tolerates trailing slashes and decodes ids", () => {
    expect(parsePath("/")).toEqual({ name: "inbox", conversationId: null });
    expect(parsePath("/team/")).toEqual({ name: "team" });
    expect(parsePath("/inbox/a%20b")).toEqual({ name: "inbox", conversationId: "a b" });
    expect(parsePath("/nope")).toEqual({ name: "notFound" });
    expect(parsePath("/inbox/a/b")).toEqual({ name: "notFound" });
  });

  it("accepts only same-origin paths as the post-login destination", () => {
    expect(safeNextPath("?next=%2Fteam")).toBe("/team");
    expect(safeNextPath("?next=%2Finbox%2F42%3Fq%3D1")).toBe("/inbox/42?q=1");
    expect(safeNextPath("?next=https%3A%2F%2Fevil.example")).toBeNull();
    expect(safeNextPath("?next=%2F%2Fevil.example")).toBeNull();
    expect(safeNextPath("?next=%2F%5Cevil.example")).toBeNull();
    expect(safeNextPath("?next=%2Flogin")).toBeNull();
    expect(safeNextPath("")).toBeNull();
  });
});
