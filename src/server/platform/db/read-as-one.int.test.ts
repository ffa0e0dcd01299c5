import { eq, gt, sql } from "drizzle-orm";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test/support/test-database";
import { readAsOne } from "./read-as-one";

const probe = pgTable("read_as_one_probe", { id: integer("id").primaryKey(), note: text("note") });

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.query(
    "CREATE TABLE read_as_one_probe (id int PRIMARY KEY, note text); INSERT INTO read_as_one_probe VALUES (1, 'one'), (2, 'two'), (3, NULL)",
  );
});
afterAll(() => database.drop());

describe("several reads in one statement", () => {
  it("gives each read its own rows, by its aliases, with each read's parameters bound to it", async () => {
    const { db } = database;
    const rows = await readAsOne(db, {
      byId: db
        .select({ id: sql<number>`${probe.id}`.as("id"), note: sql<string | null>`${probe.note}`.as("note") })
        .from(probe)
        .where(gt(probe.id, 1))
        .orderBy(probe.id),
      counted: db
        .select({
          count: sql<number>`count(*)::int`.as("count"),
          hasNull: sql<boolean>`bool_or(${probe.note} IS NULL)`.as("hasNull"),
        })
        .from(probe)
        .where(sql`${probe.note} IS DISTINCT FROM ${"two"}`),
      none: db
        .select({ id: sql<number>`${probe.id}`.as("id") })
        .from(probe)
        .where(eq(probe.note, "absent")),
    });
    expect(rows).toEqual({
      byId: [
        { id: 2, note: "two" },
        { id: 3, note: null },
      ],
      counted: [{ count: 2, hasNull: true }],
      none: [],
    });
  });
});
