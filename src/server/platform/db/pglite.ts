import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { type Database, type Db, type SqlResult, withoutNesting } from "./client";
import * as schema from "./schema/index";

/**
 * A PGlite instance with the extensions the migrations create (`pg_trgm`, `btree_gin` and `unaccent`
 * for the inbox search and its indexes): PGlite ships them as contrib modules that must be loaded when the database
 * is opened, before `CREATE EXTENSION` can find them, and every time it is opened after that.
 */
export function createPglite(dataDir: string): Promise<PGlite> {
  return PGlite.create(dataDir, {
    extensions: { pg_trgm, btree_gin, unaccent },
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`],
  });
}

/**
 * PostgreSQL's shared buffers live inside PGlite's WebAssembly memory, which is allocated at start,
 * stays resident and is never given back: at the default 128 MB they were the largest part of the
 * sandbox's memory. A sandbox's or a test's data is small, and what does not fit is read again from
 * the data folder's files (real files, in the kernel's cache), so a small pool costs nothing seen.
 */
const SHARED_BUFFERS = "16MB";

export function openPglite(client: PGlite): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    query: async (text, params) => {
      if (params && params.length > 0)
        return { rows: (await client.query(text, params)).rows as SqlResult["rows"] };
      // Without parameters the text may hold several statements (pg-boss installs its schema this way).
      const results = await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as SqlResult["rows"] };
    },
    // In-process: no round trips to save, so an ordinary transaction running the same statements.
    briefTransaction: (opening, work) =>
      db.transaction(async (tx) => {
        const opened = (await tx.execute(sql.raw(opening))) as unknown as SqlResult;
        const { value, closing } = await work(withoutNesting(tx), { rows: opened.rows });
        if (closing) await tx.execute(sql.raw(closing));
        return value;
      }),
    close: () => client.close(),
  };
}
