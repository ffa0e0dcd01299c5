import { eq, sql } from "drizzle-orm";
import type { UserRole } from "../../../contracts/accounts";
import type { Db } from "../../platform/db/client";
import { auditLog, clients, users } from "../../platform/db/schema/index";
import { hashPassword } from "./passwords";

export interface NewClient {
  name: string;
  defaultCountry?: string;
  owner: { email: string; name: string; password: string };
}

/**
 * Creates a client (tenant) with its first owner, in one transaction. Operators run it from the
 * command line; the sandbox uses it for its demo account. It is the one writer of `clients`.
 */
export async function provisionClient(db: Db, input: NewClient) {
  const passwordHash = await hashPassword(input.owner.password);
  return db.transaction(async (tx) => {
    const [client] = await tx
      .insert(clients)
      .values({ name: input.name, defaultCountry: input.defaultCountry ?? "MA" })
      .returning();
    const [owner] = await tx
      .insert(users)
      .values({
        clientId: client!.id,
        email: input.owner.email,
        name: input.owner.name,
        role: "owner",
        passwordHash,
      })
      .returning();
    await tx.insert(auditLog).values({
      clientId: client!.id,
      actorType: "system",
      action: "client.created",
      targetType: "client",
      targetId: client!.id,
      metadata: { ownerId: owner!.id },
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
