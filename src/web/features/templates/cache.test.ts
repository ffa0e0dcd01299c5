import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { TemplateResponse } from "../../../contracts/templates";
import { dropTemplate, storeTemplate, templateKeys } from "./cache";
import { templateFixture } from "./fixtures";

const template = (patch: Partial<TemplateResponse>) => templateFixture({ status: "PENDING", ...patch });

describe("templates cache", () => {
  it("keeps Meta's approval when the submit's older answer arrives after it", () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(templateKeys.list("k"), []);
    const approved = template({ status: "APPROVED", lastChangedAt: "2026-03-14T10:00:02.000Z" });
    storeTemplate(queryClient, "k", approved);
    storeTemplate(queryClient, "k", template({}));
    expect(queryClient.getQueryData<TemplateResponse[]>(templateKeys.list("k"))).toEqual([approved]);
    expect(queryClient.getQueryData(templateKeys.detail("k", "t1"))).toEqual(approved);
  });

  it("takes a later change, and drops a deleted template from the lists", () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(templateKeys.ofConnection("k", "c1"), [template({})]);
    const paused = template({ status: "PAUSED", lastChangedAt: "2026-03-14T11:00:00.000Z" });
    storeTemplate(queryClient, "k", paused);
    expect(queryClient.getQueryData(templateKeys.ofConnection("k", "c1"))).toEqual([paused]);
    dropTemplate(queryClient, "k", "t1", "c1");
    expect(queryClient.getQueryData(templateKeys.ofConnection("k", "c1"))).toEqual([]);
    expect(queryClient.getQueryData<TemplateResponse>(templateKeys.detail("k", "t1"))?.status).toBe(
      "DELETED",
    );
  });
});
