/**
 * Summarises a `.cpuprofile` (from `BENCH_CPU_PROFILE`): where the product's CPU time went, by
 * function (self time) and by package or source folder.
 *   npx tsx test/bench/profile-summary.ts <file.cpuprofile> [top]
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: tsx test/bench/profile-summary.ts <file.cpuprofile> [top]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const top = Number(topArg ?? 30);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const area = (url: string) => {
  if (!url) return "(native/V8)";
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const src = /\/(src\/[^/]+\/[^/]+(?:\/[^/]+)?)/.exec(url);
  if (src) return src[1]!;
  return url.startsWith("node:") ? url : url.replace(/^.*\//, "");
};
const byFunction = new Map<string, number>();
const byArea = new Map<string, number>();
for (const [id, us] of selfUs) {
  const frame = byId.get(id)!.callFrame;
  const name = `${frame.functionName || "(anonymous)"} ${area(frame.url)}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  byArea.set(area(frame.url), (byArea.get(area(frame.url)) ?? 0) + us);
}
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
};
console.log(`total ${(total / 1e6).toFixed(1)} s of samples`);
print("by area (self time)", byArea);
print("by function (self time)", byFunction);

// Inclusive time of the product's own functions (src/): what each costs with all it calls.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const counted = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)!.callFrame;
    if (!frame.url.includes("/src/")) continue;
    const name = `${frame.functionName || "(anonymous)"} ${area(frame.url)}:${frame.lineNumber + 1}`;
    if (counted.has(name)) continue;
    counted.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + us);
  }
}
print("src functions (inclusive, synchronous part only)", inclusive);
