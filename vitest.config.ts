import { defineConfig } from "vitest/config";
import { PATIENCE_MS, TEST_BUDGET_MS } from "./test/support/waiting";

/** Tests that need the template database (and the browser tests, the built dashboard). */
const DATABASE_TESTS = ["**/*.int.test.ts", "test/e2e/**/*.test.ts"];
/**
 * Tests that run real servers, sockets and processes (a Redis server, a CLI) and wait on wall-clock
 * delays: seconds, not milliseconds.
 */
const NETWORK_TESTS = [
  "src/simulator/**/*.test.ts",
  "src/server/platform/graph/graph-client.test.ts",
  "src/server/platform/attempt-counters.test.ts",
  "src/server/cli/**/*.test.ts",
  "test/deploy/compiled-build.test.ts",
  "test/deploy/alert-rules.test.ts",
  "test/deploy/proxy-config.test.ts",
  "test/deploy/behind-nginx.test.ts",
];

/**
 * In CI, a database or network test that fails is run once more: these tests run real servers,
 * workers and a browser on a shared 2-core machine, where a rare timing failure would otherwise hold
 * back every change. A test that passes only on its second try is not hidden: the summary names it
 * ("Flaky: ..."), and one that fails twice fails the run. Locally, and for the pure rules, no retry.
 */
const RETRIES_IN_CI = process.env.CI ? 1 : 0;

/**
 * Three projects, so that the pure rules run on their own in a few seconds (`npm run test:unit`):
 * only the database project has the global setup, and Vitest runs it only when that project has a
 * test to run.
 */
export default defineConfig({
  test: {
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // A safety net for a test that hangs, not a measure of speed (see TEST_BUDGET_MS).
    testTimeout: TEST_BUDGET_MS,
    hookTimeout: TEST_BUDGET_MS,
    // `expect.poll` waits for a condition too (its default, 1 s, is a race on a loaded machine).
    expect: { poll: { timeout: PATIENCE_MS } },
    reporters: ["default", "./test/support/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          exclude: [...DATABASE_TESTS, ...NETWORK_TESTS],
          // Starting a worker and importing its modules costs more than these tests themselves: they
          // share one thread and its module cache. So none may leave global state behind (stubbed
          // globals are undone after each test).
          pool: "threads",
          poolOptions: { threads: { singleThread: true } },
          isolate: false,
          unstubGlobals: true,
          unstubEnvs: true,
        },
      },
      { extends: true, test: { name: "network", include: NETWORK_TESTS, retry: RETRIES_IN_CI } },
      {
        extends: true,
        test: {
          name: "db",
          include: DATABASE_TESTS,
          globalSetup: ["test/support/global-setup.ts"],
          retry: RETRIES_IN_CI,
        },
      },
    ],
  },
});
