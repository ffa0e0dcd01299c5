import { defineConfig } from "vitest/config";
import { PATIENCE_MS } from "./test/support/waiting";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // A safety net for a test that hangs, not a measure of speed: tests wait for conditions, and on
    // a loaded 2-core machine an integration test that takes 3 s on a quiet one can take 30 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // `expect.poll` waits for a condition too (its default, 1 s, is a race on a loaded machine).
    expect: { poll: { timeout: PATIENCE_MS } },
    reporters: ["default", "./test/support/summary-reporter.ts"],
  },
});
