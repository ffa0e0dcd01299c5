import { eq, sql } from "drizzle-orm";
import type { UserRole } from "../../../contracts/accounts";
import { DEFAULT_STAGES } from "../../../contracts/hiring-stages";
import type { Db } from "../../platform/db/client";
import { auditLog, clients, hiringStages, users } from "../../platform/db/schema/index";
import { hashOptionalPassword, hashPassword } from "./passwords";

export interface NewClient {
  name: string;
  defaultCountry?: string;
  externalId?: string;
  isSsoOnly?: boolean;
  /** Without a password, the owner arrives through single sign-on. */
  owner: { email: string; name: string; password?: string; externalId?: string };
  /** The operator call's `Idempotency-Key` and its body's fingerprint, kept to answer a retry. */
  creation?: { idempotencyKey: string; fingerprint: string };
  /** Who asks: the command line or seeding (system), or one of LinkoJob's operators over HTTP. */
  createdBy?: { type: "system" } | { type: "operator"; operatorId: string; ip: string; requestId: string };
}

/**
 * Creates a client (tenant) with its first owner and its default hiring stages, in one
 * transaction: usable at once. Operators
 * run it from the command line or the operator API; the sandbox uses it for its demo account. It
 * is the one creator of `clients`.
 */
export async function provisionClient(db: Db, input: NewClient) {
  const passwordHash = await hashOptionalPassword(input.owner.password);
  const createdBy = input.createdBy ?? { type: "system" };
  return db.transaction(async (tx) => {
    const [client] = await tx
      .insert(clients)
      .values({
        name: input.name,
        defaultCountry: input.defaultCountry ?? "MA",
        externalId: input.externalId ?? null,
        isSsoOnly: input.isSsoOnly ?? false,
        creationIdempotencyKey: input.creation?.idempotencyKey ?? null,
        creationFingerprint: input.creation?.fingerprint ?? null,
      })
      .returning();
    const [owner] = await tx
      .insert(users)
      .values({
        clientId: client!.id,
        email: input.owner.email.trim(),
        name: input.owner.name,
        role: "owner",
        passwordHash,
        externalId: input.owner.externalId ?? null,
      })
      .returning();
    // The default hiring stages, the client's to rename, reorder or delete.
    await tx
      .insert(hiringStages)
      .values(DEFAULT_STAGES.map((stage, position) => ({ ...stage, position, clientId: client!.id })));
    await tx.insert(auditLog).values({
      clientId: client!.id,
      actorType: createdBy.type,
      actorId: createdBy.type === "operator" ? createdBy.operatorId : null,
      action: "client.created",
      targetType: "client",
      targetId: client!.id,
      metadata: { ownerId: owner!.id },
      ip: createdBy.type === "operator" ? createdBy.ip : null,
      requestId: createdBy.type === "operator" ? createdBy.requestId : null,
    });
    return { client: client!, owner: owner! };
  });
}

/** Adds a user to an existing client outside any request (seeding). */
export async function addUser(
  db: Db,
  clientId: string,
  user: { email: string; name: string; password: string; role: UserRole },
) {
  const [row] = await db
    .insert(users)
    .values({
      clientId,
      email: user.email,
      name: user.name,
      role: user.role,
      passwordHash: await hashPassword(user.password),
    })
    .returning();
  return row!;
}

export async function findUserIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  return row?.id;
}
