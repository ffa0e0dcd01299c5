import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints one plain closing line, `Tests: N passed, N failed, N skipped`, that CI reads whatever
 * the runner's own format, preceded by one `Failed: file > test` line per failure, so that a run whose
 * output is only seen in part (its last lines) still names what failed, each followed by a `Why:`
 * line (the error's first line and where in the test file it was raised), and one
 * `Flaky: file > test` line per test that passed only when run again (CI retries database and
 * network tests once).
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const failures: string[] = [];
    const flaky: string[] = [];
    const reasons: string[] = [];
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        const name = `${module.moduleId.replace(`${process.cwd()}/`, "")} > ${test.fullName}`;
        if (state === "passed") {
          passed++;
          if ((test.diagnostic()?.retryCount ?? 0) > 0) flaky.push(name);
        } else if (state === "failed") {
          failed++;
          failures.push(name);
          reasons.push(`${name} :: ${why(test.result().errors?.[0], module.moduleId)}`);
        } else skipped++;
      }
      // A file that failed to load has no tests but must still fail the run.
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) {
        failed++;
        failures.push(`${module.moduleId.replace(`${process.cwd()}/`, "")} (did not load)`);
      }
    }
    for (const name of flaky) process.stdout.write(`\nFlaky: ${name}`);
    for (const failure of failures) process.stdout.write(`\nFailed: ${failure}`);
    for (const reason of reasons) process.stdout.write(`\nWhy: ${reason}`);
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

/** An error's first line (200 characters at most) and the test file's line it was raised at. */
function why(error: { message?: string; stack?: string } | undefined, file: string): string {
  if (!error) return "no error recorded";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's colour codes are taken out
  const plain = (error.message ?? "").replace(/\u001b\[[0-9;]*m/g, "");
  const message = plain.split("\n")[0]?.slice(0, 200) ?? "";
  const base = file.split("/").pop() ?? file;
  const at = (error.stack ?? "").split("\n").find((line) => line.includes(base));
  const where = at?.match(/:(\d+):\d+\)?\s*$/)?.[1];
  return where ? `${message} (line ${where})` : message;
}
