import { timestamp, uuid } from "drizzle-orm/pg-core";
import { clients } from "./accounts";

/** A point in time, always with its time zone. */
export const at = (name: string) => timestamp(name, { withTimezone: true });

/** The owning client of a tenant-owned row: required, and gone with the client. */
export const ownerClientId = () =>
  uuid("client_id")
    .notNull()
    .references(() => clients.id, { onDelete: "cascade" });
