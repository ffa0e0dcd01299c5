import { defineConfig } from "vitest/config";
import { PATIENCE_MS, TEST_BUDGET_MS } from "./test/support/waiting";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // A safety net for a test that hangs, not a measure of speed (see TEST_BUDGET_MS).
    testTimeout: TEST_BUDGET_MS,
    hookTimeout: TEST_BUDGET_MS,
    // `expect.poll` waits for a condition too (its default, 1 s, is a race on a loaded machine).
    expect: { poll: { timeout: PATIENCE_MS } },
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
