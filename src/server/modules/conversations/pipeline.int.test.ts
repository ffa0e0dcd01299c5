import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeyCaller, buildUser, type Caller, loginAs } from "../../../../test/support/factories";
import { buildContact, buildConversation } from "../../../../test/support/rows";
import { createTestApp, type TestApp } from "../../../../test/support/test-app";
import { clientWithActiveNumber, queryRows } from "../../../../test/support/webhooks";
import { DEFAULT_STAGES } from "../../../contracts/hiring-stages";
import type { StageResponse } from "../../../contracts/pipeline";

/**
 * Hiring stages and labels over the API: the defaults every client starts with, their management
 * by owners and admins, a conversation's stage and labels (audited, announced), the list's stage and
 * label filters with the views, and their exact counts.
 */

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

type Number = Awaited<ReturnType<typeof clientWithActiveNumber>>;

let seq = 0;
async function chat(number: Number) {
  seq += 1;
  const contact = await buildContact(app, { clientId: number.clientId, name: `Candidat ${seq}` });
  const at = new Date(Date.now() - 60_000 + seq * 10);
  const row = await buildConversation(app, {
    clientId: number.clientId,
    connectionId: number.connection.id,
    contactId: contact.id,
    lastInboundAt: at,
    lastMessageAt: at,
  });
  return row.id;
}

const stagesOf = async (caller: Caller) =>
  (await caller.get("/api/hiring-stages")).json<{ stages: StageResponse[] }>().stages;
const ids = (response: { json(): { conversations: { id: string }[] } }) =>
  response.json().conversations.map((c) => c.id);
const put = (caller: Caller, url: string, payload: unknown) =>
  caller.request({ method: "PUT", url, payload: payload as object });

describe("hiring stages and labels", () => {
  it("starts every client with the French default stages, in order, two of them closed", async () => {
    const number = await clientWithActiveNumber(app);
    const stages = await stagesOf(number.session);
    expect(stages.map((s) => [s.name, s.kind, s.position])).toEqual(
      DEFAULT_STAGES.map((s, position) => [s.name, s.kind, position]),
    );
    expect(stages.map((s) => s.name)).toEqual([
      "Contacté",
      "Présélection",
      "Entretien",
      "Offre",
      "Embauché",
      "Refusé",
    ]);
    expect(stages.filter((s) => s.kind === "closed").map((s) => s.name)).toEqual(["Embauché", "Refusé"]);
  });

  it("lets owners and admins add, rename, reorder and delete stages and labels; recruiters and keys only read", async () => {
    const number = await clientWithActiveNumber(app);
    const admin = await loginAs(app, await buildUser(app, { clientId: number.clientId, role: "admin" }));
    const recruiter = await loginAs(app, await buildUser(app, { clientId: number.clientId }));
    const key = (
      await apiKeyCaller(app, { email: (await number.session.get("/api/auth/session")).json().user.email }, [
        "conversations:read",
        "conversations:write",
      ])
    ).caller;

    const created = await admin.post("/api/hiring-stages", { name: "Test technique", color: "orange" });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: "Test technique",
      color: "orange",
      kind: "active",
      position: 6,
    });
    const stageId = created.json().id as string;

    expect((await admin.post("/api/hiring-stages", { name: "entretien", color: "blue" })).statusCode).toBe(
      409,
    );
    expect((await admin.post("/api/hiring-stages", { name: "X", color: "fuchsia" })).statusCode).toBe(400);
    for (const caller of [recruiter, key]) {
      expect((await caller.post("/api/hiring-stages", { name: "Pas moi", color: "gray" })).statusCode).toBe(
        403,
      );
      expect((await caller.patch(`/api/hiring-stages/${stageId}`, { name: "Non" })).statusCode).toBe(403);
      expect((await caller.delete(`/api/hiring-stages/${stageId}`)).statusCode).toBe(403);
      expect((await caller.post("/api/labels", { name: "Pas moi", color: "gray" })).statusCode).toBe(403);
      expect(await stagesOf(caller)).toHaveLength(7);
    }

    const renamed = await number.session.patch(`/api/hiring-stages/${stageId}`, {
      name: "Test pratique",
      color: "pink",
    });
    expect(renamed.json()).toMatchObject({ name: "Test pratique", color: "pink" });

    const order = (await stagesOf(admin)).map((s) => s.id);
    const reordered = [order[6]!, ...order.slice(0, 6)];
    const moved = await put(admin, "/api/hiring-stages/order", { ids: reordered });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await stagesOf(admin)).map((s) => [s.id, s.position])).toEqual(reordered.map((id, i) => [id, i]));
    // An order that leaves a stage out, or repeats one, is refused.
    expect((await put(admin, "/api/hiring-stages/order", { ids: reordered.slice(1) })).statusCode).toBe(400);
    expect(
      (await put(admin, "/api/hiring-stages/order", { ids: [...reordered.slice(1), reordered[1]] }))
        .statusCode,
    ).toBe(400);

    const label = await admin.post("/api/labels", { name: "Bilingue", color: "teal" });
    expect(label.statusCode).toBe(201);
    expect((await admin.post("/api/labels", { name: "BILINGUE", color: "red" })).statusCode).toBe(409);
    const relabelled = await admin.patch(`/api/labels/${label.json().id}`, { name: "Trilingue" });
    expect(relabelled.json()).toMatchObject({ name: "Trilingue", color: "teal" });
    expect((await recruiter.get("/api/labels")).json().labels.map((l: { name: string }) => l.name)).toEqual([
      "Trilingue",
    ]);
    expect((await admin.delete(`/api/labels/${label.json().id}`)).json()).toEqual({ movedConversations: 0 });
    expect((await admin.delete(`/api/hiring-stages/${stageId}`)).json()).toEqual({ movedConversations: 0 });
    expect(await stagesOf(admin)).toHaveLength(6);

    const audit = await queryRows<{ action: string }>(
      app,
      "SELECT action FROM audit_log WHERE client_id = $1 AND action LIKE ANY (ARRAY['hiring_stage.%', 'label.%']) ORDER BY id",
      [number.clientId],
    );
    expect(audit.map((row) => row.action)).toEqual([
      "hiring_stage.created",
      "hiring_stage.updated",
      "hiring_stage.reordered",
      "label.created",
      "label.updated",
      "label.deleted",
      "hiring_stage.deleted",
    ]);
  });

  it("sets a chat's stage and labels (any team member), filters the list by them with the views, and counts them", async () => {
    const number = await clientWithActiveNumber(app);
    const recruiter = await loginAs(app, await buildUser(app, { clientId: number.clientId }));
    const [contacted, screening] = await stagesOf(number.session);
    const urgent = (await number.session.post("/api/labels", { name: "Urgent", color: "red" })).json().id;
    const remote = (await number.session.post("/api/labels", { name: "Télétravail", color: "blue" })).json()
      .id;
    const first = await chat(number);
    const second = await chat(number);
    const third = await chat(number);

    const set = await put(recruiter, `/api/conversations/${first}/stage`, { stageId: screening!.id });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ id: first, stageId: screening!.id, labelIds: [] });
    await put(recruiter, `/api/conversations/${second}/stage`, { stageId: screening!.id });
    await put(recruiter, `/api/conversations/${third}/stage`, { stageId: contacted!.id });
    const labelled = await recruiter.post(`/api/conversations/${first}/labels`, { labelId: urgent });
    expect(labelled.json().labelIds).toEqual([urgent]);
    await recruiter.post(`/api/conversations/${first}/labels`, { labelId: remote });
    // Again: nothing changes.
    expect(
      (await recruiter.post(`/api/conversations/${first}/labels`, { labelId: urgent })).json().labelIds,
    ).toEqual([urgent, remote]);
    await recruiter.post(`/api/conversations/${third}/labels`, { labelId: urgent });

    expect(ids(await recruiter.get(`/api/conversations?stage=${screening!.id}`))).toEqual([second, first]);
    expect(ids(await recruiter.get(`/api/conversations?label=${urgent}`))).toEqual([third, first]);
    expect(ids(await recruiter.get(`/api/conversations?stage=${screening!.id}&label=${urgent}`))).toEqual([
      first,
    ]);
    await number.session.post(`/api/conversations/${first}/status`, { status: "resolved" });
    expect(ids(await recruiter.get(`/api/conversations?view=open&stage=${screening!.id}`))).toEqual([second]);
    expect(ids(await recruiter.get(`/api/conversations?view=resolved&label=${urgent}`))).toEqual([first]);
    const listed = (await recruiter.get("/api/conversations")).json().conversations;
    expect(listed.find((c: { id: string }) => c.id === first)).toMatchObject({
      stageId: screening!.id,
      labelIds: [urgent, remote],
    });

    const all = (await recruiter.get("/api/conversations/counts")).json();
    expect(all.stages).toEqual({ [screening!.id]: 2, [contacted!.id]: 1 });
    expect(all.labels).toEqual({ [urgent]: 2, [remote]: 1 });
    expect(all.counts).toMatchObject({ all: 3, open: 2, resolved: 1 });
    const open = (await recruiter.get("/api/conversations/counts?view=open")).json();
    expect(open.stages).toEqual({ [screening!.id]: 1, [contacted!.id]: 1 });
    expect(open.labels).toEqual({ [urgent]: 1 });
    const urgentOnly = (await recruiter.get(`/api/conversations/counts?label=${urgent}`)).json();
    expect(urgentOnly.stages).toEqual({ [screening!.id]: 1, [contacted!.id]: 1 });
    expect(urgentOnly.counts).toMatchObject({ all: 2, open: 1, resolved: 1 });
    const screeningOnly = (await recruiter.get(`/api/conversations/counts?stage=${screening!.id}`)).json();
    expect(screeningOnly.labels).toEqual({ [urgent]: 1, [remote]: 1 });
    expect(screeningOnly.counts).toMatchObject({ all: 2, open: 1 });

    const removed = await recruiter.delete(`/api/conversations/${first}/labels/${urgent}`);
    expect(removed.json().labelIds).toEqual([remote]);
    const cleared = await put(recruiter, `/api/conversations/${second}/stage`, { stageId: null });
    expect(cleared.json().stageId).toBeNull();

    const audit = await queryRows<{ action: string; target_id: string }>(
      app,
      "SELECT action, target_id FROM audit_log WHERE client_id = $1 AND action LIKE 'conversation.%' AND action <> 'conversation.status_changed' ORDER BY id",
      [number.clientId],
    );
    expect(audit.map((row) => [row.action, row.target_id])).toEqual([
      ["conversation.stage_changed", first],
      ["conversation.stage_changed", second],
      ["conversation.stage_changed", third],
      ["conversation.label_added", first],
      ["conversation.label_added", first],
      ["conversation.label_added", third],
      ["conversation.label_removed", first],
      ["conversation.stage_changed", second],
    ]);
    const events = await queryRows<{ payload: { conversation: { id: string; stageId: string | null } } }>(
      app,
      "SELECT payload FROM domain_events WHERE client_id = $1 AND type = 'conversation:updated' ORDER BY id DESC LIMIT 1",
      [number.clientId],
    );
    expect(events[0]!.payload.conversation).toMatchObject({ id: second, stageId: null });
  });

  it("deleting a stage in use moves its chats to the replacement given, or leaves them without a stage", async () => {
    const number = await clientWithActiveNumber(app);
    const [contacted, screening, interview] = await stagesOf(number.session);
    const first = await chat(number);
    const second = await chat(number);
    await put(number.session, `/api/conversations/${first}/stage`, { stageId: screening!.id });
    await put(number.session, `/api/conversations/${second}/stage`, { stageId: contacted!.id });

    const unknown = crypto.randomUUID();
    expect(
      (await number.session.delete(`/api/hiring-stages/${screening!.id}?replacementId=${unknown}`))
        .statusCode,
    ).toBe(404);
    const moved = await number.session.delete(
      `/api/hiring-stages/${screening!.id}?replacementId=${interview!.id}`,
    );
    expect(moved.json()).toEqual({ movedConversations: 1 });
    expect((await number.session.get(`/api/conversations/${first}`)).json().stageId).toBe(interview!.id);

    const cleared = await number.session.delete(`/api/hiring-stages/${contacted!.id}`);
    expect(cleared.json()).toEqual({ movedConversations: 1 });
    expect((await number.session.get(`/api/conversations/${second}`)).json().stageId).toBeNull();
    expect((await stagesOf(number.session)).map((s) => s.name)).toEqual([
      "Entretien",
      "Offre",
      "Embauché",
      "Refusé",
    ]);
  });

  it("refuses another client's stage or label on a chat: not found, the chat unchanged", async () => {
    const a = await clientWithActiveNumber(app);
    const b = await clientWithActiveNumber(app);
    const [stageOfB] = await stagesOf(b.session);
    const labelOfB = (await b.session.post("/api/labels", { name: "De B", color: "gray" })).json().id;
    const chatOfA = await chat(a);
    const stage = await put(a.session, `/api/conversations/${chatOfA}/stage`, { stageId: stageOfB!.id });
    expect(stage.statusCode).toBe(404);
    const label = await a.session.post(`/api/conversations/${chatOfA}/labels`, { labelId: labelOfB });
    expect(label.statusCode).toBe(404);
    expect((await a.session.get(`/api/conversations/${chatOfA}`)).json()).toMatchObject({
      stageId: null,
      labelIds: [],
    });
    // Nor can the database be made to: the stage's key includes the client.
    await expect(
      app.database.query("UPDATE conversations SET stage_id = $1 WHERE id = $2", [stageOfB!.id, chatOfA]),
    ).rejects.toThrow();
    await expect(
      app.database.query(
        "INSERT INTO conversation_labels (client_id, conversation_id, label_id) VALUES ($1, $2, $3)",
        [a.clientId, chatOfA, labelOfB],
      ),
    ).rejects.toThrow();
  });
});
