import { customType, timestamp, uuid } from "drizzle-orm/pg-core";
import { clients } from "./accounts";

/** A point in time, always with its time zone. */
export const at = (name: string) => timestamp(name, { withTimezone: true });

/** The owning client of a tenant-owned row: required, and gone with the client. */
export const ownerClientId = () =>
  uuid("client_id")
    .notNull()
    .references(() => clients.id, { onDelete: "cascade" });

/** Bytes as given (`bytea`); PGlite hands them back as a Uint8Array, `pg` as a Buffer: always a Buffer here. */
export const bytes = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});
