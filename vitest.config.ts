import { defineConfig } from "vitest/config";

/** Tests that need the template database (and the browser tests, the built dashboard). */
const DATABASE_TESTS = ["**/*.int.test.ts", "test/e2e/**/*.test.ts"];
/** The simulator's tests run real servers on wall-clock delays: seconds, not milliseconds. */
const SIMULATOR_TESTS = ["src/simulator/**/*.test.ts"];

/**
 * Three projects, so that the pure rules run on their own in a few seconds (`npm run test:unit`):
 * only the database project has the global setup, and Vitest runs it only when that project has a
 * test to run.
 */
export default defineConfig({
  test: {
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: [...DATABASE_TESTS, ...SIMULATOR_TESTS],
          // No I/O to wait for: threads start faster than processes.
          pool: "threads",
        },
      },
      { extends: true, test: { name: "simulator", include: SIMULATOR_TESTS } },
      {
        extends: true,
        test: { name: "db", include: DATABASE_TESTS, globalSetup: ["test/support/global-setup.ts"] },
      },
    ],
  },
});
