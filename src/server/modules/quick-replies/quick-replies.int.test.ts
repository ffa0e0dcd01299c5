import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiKeyCaller,
  buildClient,
  buildUser,
  type Caller,
  loginAs,
} from "../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import type { QuickReplyListResponse, QuickReplyResponse } from "../../../contracts/quick-replies";

let app: TestApp;
let owner: Caller;
let admin: Caller;
let recruiter: Caller;
let colleague: Caller;
let clientId: string;

const interview = {
  scope: "shared",
  shortcut: "entretien",
  title: "Invitation à l’entretien",
  language: "fr",
  body: "Bonjour {{prenom}}, pouvez-vous venir pour le poste de {{poste}} ? {{recruteur}}",
};

async function auditActions(): Promise<string[]> {
  const { rows } = await app.database.query(
    "SELECT action FROM audit_log WHERE client_id = $1 AND action LIKE 'quick_reply.%' ORDER BY id",
    [clientId],
  );
  return rows.map((row) => String(row.action));
}

beforeAll(async () => {
  app = await createTestApp();
  const built = await buildClient(app);
  clientId = built.client.id;
  owner = await loginAs(app, built.owner);
  admin = await loginAs(app, await buildUser(app, { clientId, role: "admin" }));
  recruiter = await loginAs(app, await buildUser(app, { clientId }));
  colleague = await loginAs(app, await buildUser(app, { clientId }));
});
afterAll(() => app.close());

describe("quick replies", () => {
  it("an admin creates a shared reply every user of the client lists, and only managers may edit", async () => {
    const created = await admin.post("/api/quick-replies", interview);
    expect(created.statusCode).toBe(201);
    const reply = created.json<QuickReplyResponse>();
    expect(reply).toMatchObject({ scope: "shared", shortcut: "entretien", language: "fr", canEdit: true });

    const seen = (await recruiter.get("/api/quick-replies")).json<QuickReplyListResponse>();
    expect(seen.canManageShared).toBe(false);
    expect(seen.quickReplies.find((r) => r.id === reply.id)).toMatchObject({ canEdit: false });
    expect((await owner.get("/api/quick-replies")).json<QuickReplyListResponse>().canManageShared).toBe(true);
    expect(await auditActions()).toContain("quick_reply.created");
  });

  it("a recruiter may not create, change or delete shared replies", async () => {
    const refused = await recruiter.post("/api/quick-replies", { ...interview, shortcut: "refus" });
    expect(refused.statusCode).toBe(403);
    const shared = (await owner.post("/api/quick-replies", { ...interview, shortcut: "accueil" })).json();
    expect((await recruiter.patch(`/api/quick-replies/${shared.id}`, { title: "x" })).statusCode).toBe(403);
    expect((await recruiter.delete(`/api/quick-replies/${shared.id}`)).statusCode).toBe(403);
    const list = (await owner.get("/api/quick-replies")).json<QuickReplyListResponse>();
    expect(list.quickReplies.find((r) => r.id === shared.id)?.title).toBe(interview.title);
  });

  it("an owner changes and deletes a shared reply, with audit rows", async () => {
    const shared = (await owner.post("/api/quick-replies", { ...interview, shortcut: "relance" })).json();
    const changed = await owner.patch(`/api/quick-replies/${shared.id}`, {
      title: "Relance",
      body: "Bonjour {{prenom}} !",
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ title: "Relance", body: "Bonjour {{prenom}} !" });
    expect((await admin.delete(`/api/quick-replies/${shared.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/quick-replies/${shared.id}`)).statusCode).toBe(404);
    const actions = await auditActions();
    expect(actions).toContain("quick_reply.updated");
    expect(actions).toContain("quick_reply.deleted");
  });

  it("a personal reply is its owner's alone: others neither see, change nor delete it", async () => {
    const mine = await recruiter.post("/api/quick-replies", {
      ...interview,
      scope: "personal",
      shortcut: "merci",
      language: "ar",
      body: "شكرا {{prenom}}",
    });
    expect(mine.statusCode).toBe(201);
    const { id } = mine.json<QuickReplyResponse>();
    expect(mine.json()).toMatchObject({ scope: "personal", canEdit: true });

    for (const other of [colleague, owner, admin]) {
      const list = (await other.get("/api/quick-replies")).json<QuickReplyListResponse>();
      expect(list.quickReplies.map((r) => r.id)).not.toContain(id);
      expect((await other.patch(`/api/quick-replies/${id}`, { title: "pris" })).statusCode).toBe(404);
      expect((await other.delete(`/api/quick-replies/${id}`)).statusCode).toBe(404);
    }
    expect((await recruiter.patch(`/api/quick-replies/${id}`, { title: "Merci" })).json().title).toBe(
      "Merci",
    );
    // The same shortcut is free in the colleague's own replies.
    const theirs = await colleague.post("/api/quick-replies", {
      ...interview,
      scope: "personal",
      shortcut: "merci",
      language: "ar",
      body: "شكرا",
    });
    expect(theirs.statusCode).toBe(201);
    expect((await recruiter.delete(`/api/quick-replies/${id}`)).statusCode).toBe(204);
  });

  it("one shortcut may have a body per language, but not two in the same language", async () => {
    const fr = await owner.post("/api/quick-replies", { ...interview, shortcut: "docs" });
    expect(fr.statusCode).toBe(201);
    const en = await owner.post("/api/quick-replies", {
      ...interview,
      shortcut: "docs",
      language: "en",
      body: "Hello {{prenom}}",
    });
    expect(en.statusCode).toBe(201);
    const twice = await owner.post("/api/quick-replies", { ...interview, shortcut: "DOCS" });
    expect(twice.statusCode).toBe(409);
    expect((await owner.patch(`/api/quick-replies/${en.json().id}`, { language: "fr" })).statusCode).toBe(
      409,
    );
  });

  it("refuses invalid input with a clear 400", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...interview, shortcut: "deux mots" }, /one word/],
      [{ ...interview, shortcut: "" }, /shortcut/i],
      [{ ...interview, title: "  " }, /title/i],
      [{ ...interview, body: "   " }, /empty/],
      [{ ...interview, body: "Bonjour {{prénom}}" }, /Unknown variable/],
      [{ ...interview, language: "es" }, /language/],
      [{ ...interview, scope: "team" }, /scope/],
      [{ ...interview, body: "x".repeat(4097) }, /body/],
    ];
    for (const [body, message] of cases) {
      const response = await owner.post("/api/quick-replies", body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(JSON.stringify(response.json().error)).toMatch(message);
    }
    const shared = (await owner.post("/api/quick-replies", { ...interview, shortcut: "valide" })).json();
    expect((await owner.patch(`/api/quick-replies/${shared.id}`, {})).statusCode).toBe(400);
    expect((await owner.patch("/api/quick-replies/not-a-uuid", { title: "x" })).statusCode).toBe(400);
  });

  it("normalises the shortcut: a leading / dropped, lowercase", async () => {
    const created = await owner.post("/api/quick-replies", { ...interview, shortcut: "/Adresse" });
    expect(created.json().shortcut).toBe("adresse");
  });

  it("is for signed-in users: API keys and anonymous callers are refused", async () => {
    const { owner: keyOwner } = await buildClient(app);
    const key = await apiKeyCaller(app, keyOwner, ["conversations:read"]);
    expect((await key.caller.get("/api/quick-replies")).statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url: "/api/quick-replies" })).statusCode).toBe(401);
  });
});
