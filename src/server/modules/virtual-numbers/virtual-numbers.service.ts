import { randomUUID } from "node:crypto";
import { ErrorCode } from "../../../contracts/errors";
import type { AssignVirtualNumberBody, RegisterVirtualWabaBody } from "../../../contracts/virtual-numbers";
import type { ServerDeps } from "../../deps";
import type { Db } from "../../platform/db/client";
import { AppError, conflict, notFound, validationFailed } from "../../platform/errors";
import { event, recordEvents } from "../../platform/events/domain-events";
import { GraphError } from "../../platform/graph/graph-error";
import { explain } from "../../platform/graph/meta-errors";
import { clientSuspended } from "../accounts/auth.service";
import { generatePin, sealPin, sealToken } from "../connections/connection-secrets";
import { presentConnection } from "../connections/connections.presenter";
import { onboardConnectionJobRef } from "../connections/jobs/onboard-connection.job-ref";
import { withStep } from "../connections/onboarding-steps";
import { recordVirtualNumberFee } from "../costs/ledger.service";
import { operatorRepository } from "../operator/operator.repository";
import type { OperatorContext } from "../operator/operator.service";
import { tenantRepositories } from "../tenant-repositories";
import {
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
 * LinkoJob's PIN, activate) with no Meta step for the client; the month's fee in the client's
 * ledger; then the client's display name goes to Meta's review.
 */
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
  const { waba } = found;
  const token = openWabaToken(deps, waba);
  const pin = deps.vault.decrypt(found.number.pinSealed, poolPinContext(found.number.id));
  const now = new Date();
  const connectionId = randomUUID();

  const connection = await deps.database.db.transaction(async (tx) => {
    const repo = virtualNumbersRepository(tx);
    const taken = await repo.takeIfAssignable(numberId, now);
    if (!taken) {
      const state = stateOf(found.number, now);
      throw conflict(
        state === "quarantined"
          ? `This number is in quarantine until ${found.number.quarantinedUntil!.toISOString()}`
          : "This number is not free: release it first",
      );
    }
    const repos = tenantRepositories(tx, client.id);
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
    });
    await repo.insertAssignment({
      virtualNumberId: numberId,
      clientId: client.id,
      connectionId,
      displayName: input.displayName,
      assignedAt: now,
      assignedBy: octx.operator.operatorId,
    });
    await recordVirtualNumberFee(tx, client.id, { virtualNumberId: numberId, connectionId, at: now });
    await deps.queue.enqueue(onboardConnectionJobRef, { clientId: client.id, connectionId }, { tx });
    await repos.audit.record({
      actorType: "operator",
      actorId: octx.operator.operatorId,
      action: "connection.virtual_number_assigned",
      targetType: "connection",
      targetId: connectionId,
      metadata: { phoneNumberId: taken.phoneNumberId, displayName: input.displayName },
      ip: octx.ip,
      requestId: octx.requestId,
    });
    await announce(tx, client.id, row);
    return row;
  });

  // After the commit, so Meta's review answer always finds the connection it is about.
  try {
    await deps.graph.requestDisplayName(found.number.phoneNumberId, input.displayName, token);
  } catch (error) {
    const reason = error instanceof GraphError ? explain(error.code, error.message) : String(error);
    await tenantRepositories(deps.database.db, client.id).connections.update(connection.id, {
      healthWarnings: [`The display name could not be submitted to Meta: ${reason}`],
    });
  }
  return { connectionId: connection.id, ...(await getVirtualNumber(octx, numberId)) };
}

/**
 * Takes a number back from its client: the client's connection is disconnected and no longer
 * names the number or holds LinkoJob's token (so webhooks for the number never reach it again),
 * its conversations and messages stay with it; the number rests in quarantine before its next client.
 */
export async function releaseVirtualNumber(octx: OperatorContext, numberId: string) {
  const { deps } = octx;
  const found = await repoOf(deps).findNumber(numberId);
  if (!found) throw notFound("LinkoJob number");
  const now = new Date();
  await deps.database.db.transaction(async (tx) => {
    const repo = virtualNumbersRepository(tx);
    const open = await repo.openAssignment(numberId);
    if (!open) throw conflict("This number is not assigned");
    const repos = tenantRepositories(tx, open.clientId);
    if (open.connectionId) {
      const row = await repos.connections.update(open.connectionId, {
        state: "disconnected",
        stateReason: "This LinkoJob number was returned to LinkoJob: its conversations stay here, read-only.",
        disconnectedAt: now,
        phoneNumberId: null,
        wabaId: null,
        accessTokenSealed: null,
        pinSealed: null,
      });
      if (row) await announce(tx, open.clientId, row);
    }
    await repo.closeAssignment(open.id, octx.operator.operatorId, now);
    await repo.putInQuarantine(numberId, new Date(now.getTime() + deps.config.virtualNumbers.quarantineMs));
    await repos.audit.record({
      actorType: "operator",
      actorId: octx.operator.operatorId,
      action: "connection.virtual_number_released",
      targetType: "connection",
      targetId: open.connectionId ?? open.id,
      metadata: { phoneNumberId: found.number.phoneNumberId },
      ip: octx.ip,
      requestId: octx.requestId,
    });
  });
  return getVirtualNumber(octx, numberId);
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
