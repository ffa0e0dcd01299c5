import { type SQLWrapper, sql } from "drizzle-orm";
import type { Db, SqlResult } from "./client";

/** A built query (drizzle's select builder) that has not run: its SQL, and the rows it would give. */
type BuiltRead = SQLWrapper & PromiseLike<unknown>;

/**
 * Several reads in ONE statement: a single round trip, and a single snapshot without a transaction
 * (a statement sees the database as of its start). Each read becomes a column holding its rows as a
 * JSON array, so the rows come back as JSON: keyed by the select's aliases, which is why every field
 * of a read given here must carry one (`sql`…`.as("name")`, the same name as its key), and holding
 * numbers, text, booleans and nulls only (a date would come back as text).
 *
 * Where it pays: a handful of small reads that must agree with each other, as the closed-window
 * counts (the tallies less the open windows). Several statements in a repeatable-read transaction
 * go one after another on its connection; here the database runs them back to back, without the
 * round trips in between.
 */
export async function readAsOne<Reads extends Record<string, BuiltRead>>(
  db: Db,
  reads: Reads,
): Promise<{ [Name in keyof Reads]: Awaited<Reads[Name]> }> {
  const names = Object.keys(reads);
  const columns = names.map((name, i) => {
    const part = sql.identifier(`read_${i}`);
    return sql`(select coalesce(json_agg(${part}), '[]'::json) from (${reads[name]!}) as ${part}) as ${part}`;
  });
  const result = (await db.execute(sql`select ${sql.join(columns, sql`, `)}`)) as unknown as SqlResult;
  const row = result.rows[0] ?? {};
  // node-postgres and PGlite both parse a json column; a driver that did not would hand back text.
  const rowsOf = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : (value ?? []));
  return Object.fromEntries(names.map((name, i) => [name, rowsOf(row[`read_${i}`])])) as {
    [Name in keyof Reads]: Awaited<Reads[Name]>;
  };
}
