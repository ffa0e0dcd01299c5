import type { TemplateResponse } from "../../../contracts/templates";

/** A stored template for unit tests: approved-looking defaults, `patch` for what the test is about. */
export function templateFixture(patch: Partial<TemplateResponse> = {}): TemplateResponse {
  return {
    id: "t1",
    connectionId: "c1",
    metaTemplateId: "m1",
    name: "interview_invitation",
    language: "fr",
    category: "UTILITY",
    previousCategory: null,
    pacing: null,
    status: "APPROVED",
    statusReason: null,
    qualityScore: null,
    parameterFormat: "NAMED",
    components: [],
    content: null,
    rejectionReason: null,
    approvedEdits: [],
    history: [],
    lastChangedAt: "2026-03-14T10:00:00.000Z",
    syncedAt: "2026-03-14T10:00:00.000Z",
    ...patch,
  };
}
