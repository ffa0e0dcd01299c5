import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const prometheusDir = join(root, "ops/prometheus");
const promtool = spawnSync("promtool", ["--version"], { encoding: "utf8" });
const noPromtool = promtool.error
  ? "promtool is not installed (Debian's `prometheus` package; .ci/run installs it)"
  : "";

/** Every metric the product registers (`name: "…"` beside a prom-client constructor). */
function productMetrics(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith(".ts") && !path.endsWith(".test.ts")) {
        const code = readFileSync(path, "utf8");
        if (!code.includes("prom-client")) continue;
        for (const m of code.matchAll(/name: "([a-z_]+)"/g)) names.add(m[1]!);
      }
    }
  };
  walk(join(root, "src/server"));
  return names;
}

/** The product's metric names an expression uses (by the product's prefixes; exporters' excluded). */
function metricsUsed(text: string): string[] {
  const found = text.match(
    /\b(?:webhook|graph_api|job_queue|whatsapp|database|api_errors|http_request|realtime)_[a-z_]+/g,
  );
  return [...new Set((found ?? []).map((n) => n.replace(/_(bucket|sum|count)$/, "")))];
}

describe("alert rules and dashboard (ops/)", () => {
  it.skipIf(noPromtool)("pass `promtool check rules`, `check config` and the rules' unit tests", () => {
    for (const args of [
      ["check", "rules", "alerts.yml"],
      ["check", "config", "prometheus.yml"],
      ["test", "rules", "alerts.test.yml"],
    ]) {
      const run = spawnSync("promtool", args, { cwd: prometheusDir, encoding: "utf8", timeout: 60_000 });
      expect(run.status, `promtool ${args.join(" ")}:\n${run.stdout}${run.stderr}`).toBe(0);
    }
  });

  it("use only metrics the product exports", () => {
    const exported = productMetrics();
    expect(exported).toContain("webhook_lag_seconds");
    const rules = readFileSync(join(prometheusDir, "alerts.yml"), "utf8")
      .split("\n")
      .filter((line) => !line.trim().startsWith("#"))
      .join("\n");
    const dashboard = JSON.parse(readFileSync(join(root, "ops/grafana/linkojob-whatsapp.json"), "utf8")) as {
      panels: { targets: { expr: string }[] }[];
    };
    const expressions = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).join("\n");
    const used = [...metricsUsed(rules), ...metricsUsed(expressions)];
    expect(used).toContain("whatsapp_tokens_expiring_soon");
    expect(used.filter((name) => !exported.has(name))).toEqual([]);
  });
});
