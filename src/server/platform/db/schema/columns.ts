import { customType, timestamp, uuid } from "drizzle-orm/pg-core";
import { clients } from "./accounts";

/** A point in time, always with its time zone. */
export const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A point in time that pages are sorted and cut by (keyset cursors), kept to the millisecond.
 * JavaScript dates hold milliseconds: a cursor made from a microsecond time would skip the rows
 * stored later in the same millisecond as the last row of a page.
 */
export const pageKeyAt = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

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
