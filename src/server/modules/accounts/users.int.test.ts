import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, buildUser, loginAs, TEST_PASSWORD } from "../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

const newUser = (role: string) => ({
  email: `new-${Math.random().toString(36).slice(2)}@example.test`,
  name: "Imane Tazi",
  role,
  password: "a-long-enough-password",
});

describe("user management", () => {
  it("lets an admin add a recruiter who can then log in", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const admin = await buildUser(app, { clientId: owner.clientId, role: "admin" });
    const session = await loginAs(app, admin);
    const body = newUser("recruiter");
    const created = await session.post("/api/users", body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: body.email, role: "recruiter", clientId: owner.clientId });
    await loginAs(app, body, body.password);
    const list = (await session.get("/api/users")).json().users.map((u: { email: string }) => u.email);
    expect(list).toEqual(expect.arrayContaining([owner.email, admin.email, body.email]));
  });

  it("names the field when the input is invalid", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const response = await (await loginAs(app, owner)).post("/api/users", {
      ...newUser("recruiter"),
      password: "short",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "validation_failed" });
    expect(response.json().error.message).toMatch(/^body\.password: /);
  });

  it("refuses a change that sets nothing the route takes, naming what may be set", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const recruiter = await buildUser(app, { clientId: owner.clientId });
    const session = await loginAs(app, owner);
    for (const body of [{}, { email: "other@example.test" }]) {
      const response = await session.patch(`/api/users/${recruiter.id}`, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toBe(
        "body: nothing to change: give at least one of name, role, isDisabled, password",
      );
    }
  });

  it("refuses a password among the most common, on creation and on change, saying why", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const recruiter = await buildUser(app, { clientId: owner.clientId });
    const session = await loginAs(app, owner);
    const created = await session.post("/api/users", { ...newUser("recruiter"), password: "password123" });
    expect(created.statusCode).toBe(400);
    expect(created.json().error).toMatchObject({
      code: "validation_failed",
      message:
        "body.password: too easy to guess: This is a commonly used password. Add more words that are less common.",
    });
    const changed = await session.patch(`/api/users/${recruiter.id}`, { password: "azertyuiop1" });
    expect(changed.statusCode).toBe(400);
    expect(changed.json().error.message).toMatch(/^body\.password: too easy to guess: /);
    await loginAs(app, recruiter);
  });

  it("refuses a second user with the same e-mail, whatever its case", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const session = await loginAs(app, owner);
    const body = newUser("recruiter");
    expect((await session.post("/api/users", body)).statusCode).toBe(201);
    const again = await session.post("/api/users", { ...body, email: body.email.toUpperCase() });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("conflict");
  });

  it("keeps recruiters out of user management", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const recruiter = await buildUser(app, { clientId: owner.clientId });
    const session = await loginAs(app, recruiter);
    expect((await session.post("/api/users", newUser("recruiter"))).statusCode).toBe(403);
    expect((await session.patch(`/api/users/${owner.id}`, { name: "x" })).statusCode).toBe(403);
    expect((await session.delete(`/api/users/${owner.id}`)).statusCode).toBe(403);
  });

  it("lets only an owner create, change or remove an owner", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const admin = await buildUser(app, { clientId: owner.clientId, role: "admin" });
    const session = await loginAs(app, admin);
    expect((await session.post("/api/users", newUser("owner"))).statusCode).toBe(403);
    expect((await session.patch(`/api/users/${owner.id}`, { role: "recruiter" })).statusCode).toBe(403);
    expect((await session.patch(`/api/users/${admin.id}`, { role: "owner" })).statusCode).toBe(403);
    const ownerSession = await loginAs(app, owner);
    expect((await ownerSession.post("/api/users", newUser("owner"))).statusCode).toBe(201);
  });

  it("keeps at least one active owner", async () => {
    const { owner } = await buildClient(app);
    const session = await loginAs(app, owner);
    const demote = await session.patch(`/api/users/${owner.id}`, { role: "admin" });
    expect(demote.statusCode).toBe(409);
    expect((await session.delete(`/api/users/${owner.id}`)).statusCode).toBe(409);
  });

  it("ends a user's sessions when disabled, and when the password changes", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const recruiter = await buildUser(app, { clientId: owner.clientId });
    const ownerSession = await loginAs(app, owner);
    const recruiterSession = await loginAs(app, recruiter);
    await ownerSession.patch(`/api/users/${recruiter.id}`, { password: "another-long-password" });
    expect((await recruiterSession.get("/api/auth/session")).statusCode).toBe(401);
    await expect(loginAs(app, recruiter, TEST_PASSWORD)).rejects.toThrow(/401/);
    const fresh = await loginAs(app, recruiter, "another-long-password");
    await ownerSession.patch(`/api/users/${recruiter.id}`, { isDisabled: true });
    expect((await fresh.get("/api/auth/session")).statusCode).toBe(401);
  });

  it("removes a user and audits who did it, without the password", async () => {
    const owner = await buildUser(app, { role: "owner" });
    const recruiter = await buildUser(app, { clientId: owner.clientId });
    const session = await loginAs(app, owner);
    expect((await session.delete(`/api/users/${recruiter.id}`)).statusCode).toBe(204);
    expect(
      (await session.get("/api/users")).json().users.some((u: { id: string }) => u.id === recruiter.id),
    ).toBe(false);
    const audit = (await session.get("/api/audit")).json();
    const removed = audit.entries.find((e: { action: string }) => e.action === "user.removed");
    expect(removed).toMatchObject({ actorType: "user", actorId: owner.id, targetId: recruiter.id });
    expect(JSON.stringify(audit)).not.toContain(TEST_PASSWORD);
  });
});
