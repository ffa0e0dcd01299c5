import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { webDistDir } from "../../src/server/platform/http/static-web";
import { browserSkipReason } from "./support/browser";

/** What a recruiter's browser downloads before the first screen, compressed as the server sends it. */
const INITIAL_SCRIPT_BUDGET = 150 * 1024;

// The build these tests read is the one the run's global setup made for the browser tests.
describe.skipIf(browserSkipReason)("the dashboard's first load", () => {
  it("ships its initial scripts under 150 KB compressed, each with a brotli and a gzip twin", () => {
    const index = readFileSync(join(webDistDir, "index.html"), "utf8");
    const initial = [
      ...index.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
      ...index.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
    ].map((match) => join(webDistDir, match[1] ?? ""));
    expect(initial.length).toBeGreaterThan(0);
    const compressed = initial.reduce((sum, file) => sum + statSync(`${file}.br`).size, 0);
    for (const file of initial) expect(statSync(`${file}.gz`).size).toBeLessThan(statSync(file).size);
    expect(compressed, `initial scripts: ${initial.join(", ")}`).toBeLessThan(INITIAL_SCRIPT_BUDGET);
  });
});
