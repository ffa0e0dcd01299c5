import type { SerializedError } from "vitest";
import type { Reporter, TestModule } from "vitest/node";

/**
 * Prints one plain closing line, `Tests: N passed, N failed, N skipped`, that CI reads whatever
 * the runner's own format, preceded by one `Failed: file > test` line per failure, so that a run whose
 * output is only seen in part (its last lines) still names what failed, each followed by a `Why:`
 * line (the error's first line and where in the test file it was raised), and one
 * `Flaky: file > test` line per test that passed only when run again (CI retries database and
 * network tests once). A file that failed without a failed test (it did not load, or a `beforeAll` or
 * `afterAll` hook threw, which leaves its tests skipped) and an error raised outside any test each
 * count as one failure too: the runner exits non-zero for them, and the closing line must say why.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError> = []): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const failures: string[] = [];
    const flaky: string[] = [];
    const reasons: string[] = [];
    for (const module of modules) {
      const file = module.moduleId.replace(`${process.cwd()}/`, "");
      const tests = [...module.children.allTests()];
      for (const test of tests) {
        const state = test.result().state;
        const name = `${file} > ${test.fullName}`;
        if (state === "passed") {
          passed++;
          if ((test.diagnostic()?.retryCount ?? 0) > 0) flaky.push(name);
        } else if (state === "failed") {
          failed++;
          failures.push(name);
          reasons.push(`${name} :: ${why(test.result().errors?.[0], module.moduleId)}`);
        } else skipped++;
      }
      if (module.state() === "failed" && !tests.some((test) => test.result().state === "failed")) {
        failed++;
        const error = [module, ...module.children.allSuites()].flatMap((entity) => entity.errors())[0];
        const what = tests.length === 0 ? "did not load" : "a hook failed, its tests were not run";
        failures.push(`${file} (${what})`);
        reasons.push(`${file} :: ${why(error, module.moduleId)}`);
      }
    }
    for (const error of unhandled) {
      failed++;
      failures.push("an error outside any test");
      reasons.push(`outside any test :: ${why(error)}`);
    }
    for (const name of flaky) process.stdout.write(`\nFlaky: ${name}`);
    for (const failure of failures) process.stdout.write(`\nFailed: ${failure}`);
    for (const reason of reasons) process.stdout.write(`\nWhy: ${reason}`);
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

/** An error's first line (200 characters at most) and the test file's line it was raised at. */
function why(error: { message?: string; stack?: string } | undefined, file = ""): string {
  if (!error) return "no error recorded";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's colour codes are taken out
  const plain = (error.message ?? "").replace(/\u001b\[[0-9;]*m/g, "");
  const message = plain.split("\n")[0]?.slice(0, 200) ?? "";
  const base = file.split("/").pop() ?? file;
  const at = base ? (error.stack ?? "").split("\n").find((line) => line.includes(base)) : undefined;
  const where = at?.match(/:(\d+):\d+\)?\s*$/)?.[1];
  return where ? `${message} (line ${where})` : message;
}
