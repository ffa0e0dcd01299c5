import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectedClient, eventually } from "../../../../test/support/connected";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp({ listen: true, worker: true });
});
afterAll(() => app.close());

interface Template {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  parameterFormat: string;
  rejectionReason: string | null;
}

describe("templates, read side", () => {
  it("syncs a number's templates on connect, with category, language and parameter format", async () => {
    const { session } = await connectedClient(app);
    const templates = await eventually(async () => {
      const list = (await session.get("/api/templates")).json().templates as Template[];
      return list.length > 0 && list;
    });
    const jobFr = templates.find((t) => t.name === "job_opportunity" && t.language === "fr");
    expect(jobFr).toMatchObject({ status: "APPROVED", category: "MARKETING", parameterFormat: "POSITIONAL" });
    expect(templates.find((t) => t.name === "interview_schedule")).toMatchObject({
      parameterFormat: "NAMED",
      category: "UTILITY",
    });
    const approvedAr = (await session.get("/api/templates?status=APPROVED&language=ar")).json()
      .templates as Template[];
    expect(approvedAr.every((t) => t.language === "ar" && t.status === "APPROVED")).toBe(true);
  });

  it("follows Meta's review webhooks: a template added at Meta, synced on demand, then rejected", async () => {
    const { session, connection } = await connectedClient(app, "atlas");
    const seeded = await app.inject({
      method: "POST",
      url: "/simulator/control/templates",
      payload: {
        wabaId: connection.wabaId,
        name: "relance_candidature",
        language: "fr",
        status: "PENDING",
        components: [{ type: "BODY", text: "Bonjour {{1}}, êtes-vous toujours disponible ?" }],
      },
    });
    expect(seeded.statusCode, seeded.body).toBeLessThan(300);
    const synced = await session.post("/api/templates/sync", { connectionId: connection.id });
    expect(synced.json().count).toBeGreaterThan(0);
    const pending = ((await session.get("/api/templates")).json().templates as Template[]).find(
      (t) => t.name === "relance_candidature",
    )!;
    expect(pending.status).toBe("PENDING");
    const metaId = seeded.json().id as string;
    await app.inject({
      method: "POST",
      url: `/simulator/control/templates/${metaId}/decision`,
      payload: { status: "REJECTED", reason: "INVALID_FORMAT" },
    });
    const rejected = await eventually(async () => {
      const t = ((await session.get("/api/templates")).json().templates as Template[]).find(
        (x) => x.name === "relance_candidature",
      );
      return t?.status === "REJECTED" && t;
    });
    expect(rejected.rejectionReason).toBe("INVALID_FORMAT");
    // A rejected template cannot be sent.
    const send = await session.post("/api/messages/send", {
      connectionId: connection.id,
      to: "0612345678",
      template: { name: "relance_candidature", language: "fr", body: [{ text: "Youssef" }] },
    });
    expect(send.json().error.code).toBe("template_not_approved");
  });
});
