import { randomUUID } from "node:crypto";
import { ErrorCode } from "../../../contracts/errors";
import type {
  AssignVirtualNumberBody,
  LinkojobNumberOffer,
  LinkojobNumberUnavailableReason,
  RegisterVirtualWabaBody,
  TakeLinkojobNumberBody,
} from "../../../contracts/virtual-numbers";
import type { ServerDeps } from "../../deps";
import type { TokenVault } from "../../platform/crypto/token-vault";
import type { Db } from "../../platform/db/client";
import { AppError, conflict, forbidden, notFound, validationFailed } from "../../platform/errors";
import { event, recordEvents } from "../../platform/events/domain-events";
import { GraphError } from "../../platform/graph/graph-error";
import { explain } from "../../platform/graph/meta-errors";
import { clientSuspended } from "../accounts/auth.service";
import { can } from "../accounts/policies";
import { generatePin, sealPin, sealToken } from "../connections/connection-secrets";
import { presentConnection } from "../connections/connections.presenter";
import type { ConnectionRow } from "../connections/connections.repository";
import { onboardConnectionJobRef } from "../connections/jobs/onboard-connection.job-ref";
import { withStep } from "../connections/onboarding-steps";
import { actorId, type RequestContext } from "../context";
import { quoteVirtualNumberFee, recordVirtualNumberFee } from "../costs/ledger.service";
import { operatorRepository } from "../operator/operator.repository";
import type { OperatorContext } from "../operator/operator.service";
import { templateNamePrefixOf } from "../templates/template-names";
import { tenantRepositories } from "../tenant-repositories";
import {
  type AssignmentRow,
  type VirtualNumberRow,
  type VirtualWabaRow,
  virtualNumbersRepository,
} from "./virtual-numbers.repository";

/** Where LinkoJob's secrets live in the vault, bound into their ciphertext. */
const wabaTokenContext = (id: string) => `virtual-waba:${id}:token`;
const poolPinContext = (id: string) => `virtual-number:${id}:pin`;

const repoOf = (deps: ServerDeps) => virtualNumbersRepository(deps.database.db);

function metaRefusal(error: unknown, what: string): unknown {
  if (!(error instanceof GraphError)) return error;
  return new AppError(ErrorCode.metaError, `${what}. Meta said: ${explain(error.code, error.message)}`, {
    metaCode: error.code ?? null,
  });
}

export const openWabaToken = (deps: ServerDeps, waba: VirtualWabaRow) =>
  deps.vault.decrypt(waba.accessTokenSealed, wabaTokenContext(waba.id));

/**
 * Who lends or takes back a number, for the assignment's row and the client's audit log: LinkoJob's
 * operator (the operator API) or the client's own owner or admin (its Connections page).
 */
interface Actor {
  type: "operator" | "user";
  id: string;
  ip: string | null;
  requestId: string | null;
}

const operatorActor = (octx: OperatorContext): Actor => ({
  type: "operator",
  id: octx.operator.operatorId,
  ip: octx.ip,
  requestId: octx.requestId,
});

const userActor = (ctx: RequestContext): Actor => ({
  type: "user",
  id: actorId(ctx.actor),
  ip: ctx.ip,
  requestId: ctx.requestId,
});

/** How an assignment row names who made or ended it: the operator's id, or `user:<id>`. */
const byWhom = (actor: Actor) => (actor.type === "operator" ? actor.id : `user:${actor.id}`);

/**
 * Connects LinkoJob's own WABA with a system-user token (checked against Meta: it must list the
 * WABA's numbers), subscribes the app to its webhooks, and puts its numbers (or the ones named)
 * in the pool. Calling again replaces the token and adds numbers; numbers already in the pool keep
 * their state.
 */
export async function registerVirtualWaba(octx: OperatorContext, input: RegisterVirtualWabaBody) {
  const { deps } = octx;
  const numbers = await deps.graph
    .listPhoneNumbers(input.wabaId, input.accessToken)
    .catch((error: unknown) => {
      throw metaRefusal(error, "Meta refused this token for this WhatsApp Business Account");
    });
  const wanted = input.phoneNumberIds ?? numbers.map((n) => n.id);
  const unknown = wanted.filter((id) => !numbers.some((n) => n.id === id));
  if (unknown.length > 0)
    throw validationFailed("phoneNumberIds", `not numbers of this WhatsApp account: ${unknown.join(", ")}`);
  await deps.graph.subscribeApp(input.wabaId, input.accessToken).catch((error: unknown) => {
    throw metaRefusal(error, "Could not subscribe LinkoJob's app to this account's webhooks");
  });
  const repo = repoOf(deps);
  const waba = await repo.upsertWaba({ wabaId: input.wabaId, businessId: null, name: null });
  await repo.setWabaToken(waba.id, deps.vault.encrypt(input.accessToken, wabaTokenContext(waba.id)));
  await renewLentTokens(deps, waba.id, input.accessToken);
  for (const id of wanted) {
    const info = numbers.find((n) => n.id === id)!;
    await repo.addNumber({
      virtualWabaId: waba.id,
      phoneNumberId: id,
      displayPhoneNumber: info.display_phone_number ?? id,
      pinSealed: (rowId) => deps.vault.encrypt(generatePin(), poolPinContext(rowId)),
    });
  }
  return getPool(octx);
}

/**
 * A new token for LinkoJob's WABA reaches every client holding one of its numbers: each
 * connection's sealed copy is replaced (sealed for that connection), and one that lost its access
 * with the old token (needs_reconnect) works again, since Meta just accepted the new one.
 */
async function renewLentTokens(deps: ServerDeps, virtualWabaId: string, token: string): Promise<void> {
  const now = new Date();
  for (const open of await repoOf(deps).openAssignmentsOfWaba(virtualWabaId)) {
    const connectionId = open.connectionId;
    if (!connectionId) continue;
    await deps.database.db.transaction(async (tx) => {
      const repos = tenantRepositories(tx, open.clientId);
      const row = await repos.connections.findById(connectionId);
      if (!row?.accessTokenSealed) return;
      const updated = await repos.connections.update(connectionId, {
        accessTokenSealed: sealToken(deps.vault, connectionId, token),
        tokenCheckedAt: now,
        ...(row.state === "needs_reconnect" ? { state: "active" as const, stateReason: null } : {}),
      });
      if (updated && updated.state !== row.state) await announce(tx, open.clientId, updated);
    });
  }
}

/** The pool: LinkoJob's WABAs and every number with its state and current client. */
export async function getPool(octx: OperatorContext) {
  const repo = repoOf(octx.deps);
  const [wabas, numbers, open] = await Promise.all([
    repo.listWabas(),
    repo.listNumbers(),
    repo.listOpenAssignments(),
  ]);
  return {
    wabas,
    numbers: numbers.map(({ number, wabaId }) => ({
      number,
      wabaId,
      assignment: open.find((a) => a.virtualNumberId === number.id) ?? null,
    })),
  };
}

export async function getVirtualNumber(octx: OperatorContext, id: string) {
  const repo = repoOf(octx.deps);
  const found = await repo.findNumber(id);
  if (!found) throw notFound("LinkoJob number");
  const history = await repo.history(id);
  return {
    number: found.number,
    wabaId: found.waba.wabaId,
    assignment: history.find((a) => a.releasedAt === null) ?? null,
    history,
  };
}

/** `assigned`, `quarantined` until its quarantine ends, else `available`. */
export function stateOf(number: VirtualNumberRow, now = new Date()) {
  if (number.state === "assigned") return "assigned" as const;
  return number.quarantinedUntil && number.quarantinedUntil > now
    ? ("quarantined" as const)
    : ("available" as const);
}

const announce = (db: Db, clientId: string, row: Parameters<typeof presentConnection>[0]) =>
  recordEvents(db, clientId, [event("connection:updated", { connection: presentConnection(row) })]);

/**
 * Gives a pool number to a client: a connection of the client's own, holding LinkoJob's token
 * sealed for it, onboarded by the same job as an Embedded Signup (details, subscribe, register with
 * LinkoJob's PIN, activate) with no Meta step for the client; its templates under the client's
 * prefix on the shared WABA (`templates/template-names.ts`); the month's fee in the client's
 * ledger; then the client's display name goes to Meta's review. `take` picks and takes the number
 * in the transaction (or throws why none).
 */
async function lendNumber(
  deps: ServerDeps,
  actor: Actor,
  clientId: string,
  displayName: string,
  take: (tx: Db, now: Date) => Promise<VirtualNumberRow>,
): Promise<{ connection: ConnectionRow; number: VirtualNumberRow; token: string }> {
  const now = new Date();
  const connectionId = randomUUID();
  const lent = await deps.database.db.transaction(async (tx) => {
    const repo = virtualNumbersRepository(tx);
    const taken = await take(tx, now);
    const waba = await repo.findWaba(taken.virtualWabaId);
    if (!waba) throw notFound("LinkoJob's WhatsApp account");
    const token = openWabaToken(deps, waba);
    const pin = deps.vault.decrypt(taken.pinSealed, poolPinContext(taken.id));
    const repos = tenantRepositories(tx, clientId);
    let steps = withStep({}, "exchange", { status: "skipped" });
    steps = withStep(steps, "discover", { status: "skipped" });
    const row = await repos.connections.create({
      id: connectionId,
      state: "onboarding",
      wabaId: waba.wabaId,
      phoneNumberId: taken.phoneNumberId,
      displayPhoneNumber: taken.displayPhoneNumber,
      onboardingSteps: steps,
      accessTokenSealed: sealToken(deps.vault, connectionId, token),
      tokenCheckedAt: now,
      pinSealed: sealPin(deps.vault, connectionId, pin),
      pinSource: "generated",
      templateNamePrefix: templateNamePrefixOf(clientId),
      requestedName: displayName,
      connectedBy: actor.type === "user" ? actor.id : null,
    });
    await repo.insertAssignment({
      virtualNumberId: taken.id,
      clientId,
      connectionId,
      displayName,
      assignedAt: now,
      assignedBy: byWhom(actor),
    });
    await recordVirtualNumberFee(tx, clientId, { virtualNumberId: taken.id, connectionId, at: now });
    await deps.queue.enqueue(onboardConnectionJobRef, { clientId, connectionId }, { tx });
    await repos.audit.record({
      actorType: actor.type,
      actorId: actor.id,
      action: "connection.virtual_number_assigned",
      targetType: "connection",
      targetId: connectionId,
      metadata: { phoneNumberId: taken.phoneNumberId, displayName },
      ip: actor.ip,
      requestId: actor.requestId,
    });
    await announce(tx, clientId, row);
    return { connection: row, number: taken, token };
  });

  // After the commit, so Meta's review answer always finds the connection it is about.
  try {
    await deps.graph.requestDisplayName(lent.number.phoneNumberId, displayName, lent.token);
  } catch (error) {
    const reason = error instanceof GraphError ? explain(error.code, error.message) : String(error);
    await tenantRepositories(deps.database.db, clientId).connections.update(lent.connection.id, {
      healthWarnings: [`The display name could not be submitted to Meta: ${reason}`],
    });
  }
  return lent;
}

/** The operator lends a chosen pool number to a client (`POST /api/operator/virtual-numbers/:id/assign`). */
export async function assignVirtualNumber(
  octx: OperatorContext,
  numberId: string,
  input: AssignVirtualNumberBody,
) {
  const { deps } = octx;
  const client = await operatorRepository(deps.database.db).findClient(input.clientId);
  if (!client) throw notFound("Client");
  if (client.suspendedAt) throw clientSuspended();
  const found = await repoOf(deps).findNumber(numberId);
  if (!found) throw notFound("LinkoJob number");
  const { connection } = await lendNumber(
    deps,
    operatorActor(octx),
    client.id,
    input.displayName,
    async (tx, now) => {
      const taken = await virtualNumbersRepository(tx).takeIfAssignable(numberId, now);
      if (taken) return taken;
      throw conflict(
        stateOf(found.number, now) === "quarantined"
          ? `This number is in quarantine until ${found.number.quarantinedUntil!.toISOString()}`
          : "This number is not free: release it first",
      );
    },
  );
  return { connectionId: connection.id, ...(await getVirtualNumber(octx, numberId)) };
}

const unavailable = (reason: LinkojobNumberUnavailableReason, message: string) =>
  new AppError(ErrorCode.linkojobNumberUnavailable, message, { reason });

/** What the client's Connections page offers: whether it may take a LinkoJob number now, and its fee. */
export async function getLinkojobNumberOffer(ctx: RequestContext): Promise<LinkojobNumberOffer> {
  const { deps } = ctx;
  const repo = repoOf(deps);
  const now = new Date();
  const [wabas, free, held, fee] = await Promise.all([
    repo.listWabas(),
    repo.countAssignable(now),
    repo.countHeldBy(ctx.clientId),
    quoteVirtualNumberFee(deps.database.db, now),
  ]);
  const limit = deps.config.virtualNumbers.perClient;
  return { offered: wabas.length > 0 && limit > 0, available: free > 0, monthlyFeeMad: fee, held, limit };
}

/**
 * A client's owner or admin takes a LinkoJob number at once, from the Connections page: the first
 * free one of the pool, under the client's display name, with no Meta step and no operator step.
 * One number per call, and no more than `VIRTUAL_NUMBERS_PER_CLIENT` held at once (the operator
 * may lend more); refused with why when LinkoJob offers none, none is free, or the limit is reached.
 */
export async function takeLinkojobNumber(
  ctx: RequestContext,
  input: TakeLinkojobNumberBody,
): Promise<ConnectionRow> {
  if (!can(ctx.actor, "connections.takeLinkojobNumber"))
    throw forbidden("Only owners and admins take a LinkoJob number");
  const { deps } = ctx;
  const limit = deps.config.virtualNumbers.perClient;
  if (limit === 0 || (await repoOf(deps).listWabas()).length === 0)
    throw unavailable("not_offered", "LinkoJob does not offer its numbers here: ask LinkoJob for one");
  const { connection } = await lendNumber(
    deps,
    userActor(ctx),
    ctx.clientId,
    input.displayName,
    async (tx, now) => {
      const repo = virtualNumbersRepository(tx);
      await repo.lockClient(ctx.clientId);
      if ((await repo.countHeldBy(ctx.clientId)) >= limit)
        throw unavailable(
          "limit_reached",
          `This account holds ${limit} LinkoJob number${limit > 1 ? "s" : ""} already, as many as it may take itself: ask LinkoJob for another`,
        );
      const taken = await repo.takeFirstAssignable(now);
      if (!taken)
        throw unavailable("pool_empty", "No LinkoJob number is free right now: ask LinkoJob for one");
      return taken;
    },
  );
  return connection;
}

/**
 * Ends an assignment: the client's connection is disconnected and no longer names the number or
 * holds LinkoJob's token (so webhooks for the number never reach it again, and nothing can be sent
 * from it), its conversations and messages stay with it; the number rests in quarantine before its
 * next client. Nothing is asked of Meta: the number stays registered and LinkoJob's app stays
 * subscribed to its WABA, which serves the other clients' numbers.
 */
async function endAssignment(
  deps: ServerDeps,
  tx: Db,
  actor: Actor,
  open: AssignmentRow,
  phoneNumberId: string,
  now: Date,
): Promise<ConnectionRow | undefined> {
  const repo = virtualNumbersRepository(tx);
  const repos = tenantRepositories(tx, open.clientId);
  let row: ConnectionRow | undefined;
  if (open.connectionId) {
    row = await repos.connections.update(open.connectionId, {
      state: "disconnected",
      stateReason: "This LinkoJob number went back to LinkoJob: its conversations stay here, read-only.",
      disconnectedAt: now,
      phoneNumberId: null,
      wabaId: null,
      accessTokenSealed: null,
      pinSealed: null,
      requestedName: null,
    });
    if (row) await announce(tx, open.clientId, row);
  }
  await repo.closeAssignment(open.id, byWhom(actor), now);
  await repo.putInQuarantine(
    open.virtualNumberId,
    new Date(now.getTime() + deps.config.virtualNumbers.quarantineMs),
  );
  await repos.audit.record({
    actorType: actor.type,
    actorId: actor.id,
    action: "connection.virtual_number_released",
    targetType: "connection",
    targetId: open.connectionId ?? open.id,
    metadata: { phoneNumberId },
    ip: actor.ip,
    requestId: actor.requestId,
  });
  return row;
}

/** The operator takes a number back from its client (`POST /api/operator/virtual-numbers/:id/release`). */
export async function releaseVirtualNumber(octx: OperatorContext, numberId: string) {
  const { deps } = octx;
  const found = await repoOf(deps).findNumber(numberId);
  if (!found) throw notFound("LinkoJob number");
  const now = new Date();
  await deps.database.db.transaction(async (tx) => {
    const open = await virtualNumbersRepository(tx).openAssignment(numberId);
    if (!open) throw conflict("This number is not assigned");
    await endAssignment(deps, tx, operatorActor(octx), open, found.number.phoneNumberId, now);
  });
  return getVirtualNumber(octx, numberId);
}

/**
 * The client gives a LinkoJob number back, by disconnecting its connection (owners and admins,
 * checked by the caller): the same as the operator's release, never Meta's deregistration.
 */
export async function returnLinkojobNumber(ctx: RequestContext, row: ConnectionRow): Promise<ConnectionRow> {
  const { deps } = ctx;
  const now = new Date();
  return deps.database.db.transaction(async (tx) => {
    const open = await virtualNumbersRepository(tx).openAssignmentOfConnection(ctx.clientId, row.id);
    const released = open
      ? await endAssignment(deps, tx, userActor(ctx), open, row.phoneNumberId ?? "", now)
      : // No assignment behind it any more (released meanwhile): the connection only is left to close.
        await tenantRepositories(tx, ctx.clientId).connections.update(row.id, {
          state: "disconnected",
          disconnectedAt: now,
          phoneNumberId: null,
          wabaId: null,
          accessTokenSealed: null,
          pinSealed: null,
          requestedName: null,
        });
    return released ?? row;
  });
}

/** Records this month's fee of every number held (once per client, number and month). */
export async function recordMonthlyFees(deps: ServerDeps, at = new Date()): Promise<number> {
  let added = 0;
  for (const assignment of await repoOf(deps).listOpenAssignments()) {
    const isNew = await deps.database.db.transaction((tx) =>
      recordVirtualNumberFee(tx, assignment.clientId, {
        virtualNumberId: assignment.virtualNumberId,
        connectionId: assignment.connectionId,
        at,
      }),
    );
    if (isNew) added++;
  }
  return added;
}

/**
 * Re-seals LinkoJob's own secrets (its WABAs' system-user tokens, its pool numbers' PINs) under the
 * vault's newest key, each only if unchanged since read (a re-registration meanwhile wins). The
 * copies each client's connection holds are connections' secrets, re-sealed with theirs.
 */
export async function rotateLinkojobSecrets(
  db: Db,
  vault: TokenVault,
): Promise<{ rotated: number; current: number; skipped: number }> {
  const counts = { rotated: 0, current: 0, skipped: 0 };
  const repo = virtualNumbersRepository(db);
  const { wabas, numbers } = await repo.listSealedSecrets();
  const each = [
    ...wabas.map((w) => ({ ...w, context: wabaTokenContext(w.id), replace: repo.replaceSealedToken })),
    ...numbers.map((n) => ({ ...n, context: poolPinContext(n.id), replace: repo.replaceSealedPin })),
  ];
  for (const secret of each) {
    if (!secret.sealed || vault.isCurrent(secret.sealed)) {
      counts.current++;
      continue;
    }
    const resealed = vault.encrypt(vault.decrypt(secret.sealed, secret.context), secret.context);
    if (await secret.replace(secret.id, secret.sealed, resealed)) counts.rotated++;
    else counts.skipped++;
  }
  return counts;
}
