/**
 * `npm run bench:deployed`: webhook ingest through the deployment of `docs/deploy.md` (nginx with
 * TLS in front of two web instances, a worker, PostgreSQL and Redis, each a process of its own),
 * beside the same load sent straight to one web instance and through nginx to that one instance only,
 * in one run: what TLS and the proxy cost, and what splitting the load over two instances does. A
 * bare `node:http` server reached both ways gives the proxy's own cost without the product. Loopback only; bounded counts; it stops
 * everything it started and exits non-zero when a delivery was lost or doubled.
 *
 *   BENCH_DATABASE_URL  PostgreSQL server to create the temporary database on (as `npm run bench`)
 *   BENCH_SCALE         multiplies the counts (default 1: 20,000 deliveries per closed-loop run)
 *   BENCH_OPEN_RATE     deliveries/s offered in the open-loop runs (default 500)
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { selfSignedCertificate, startNginx } from "../deploy/nginx";
import { startRedis } from "../support/redis-process";
import {
  ackRate,
  benchMix,
  ceilingRun,
  cpuText,
  eventsPerDelivery,
  type IngressMode,
  type IngressOutcome,
  ingressRun,
  lossless,
  type Measured,
} from "./ingress-runs";
import type { IngressResult } from "./load-generator";
import { benchServerUrl, type Stack, startStack } from "./stack";
import {
  fmt,
  freePort,
  percentile,
  runAsProcess,
  startChild,
  stopChild,
  stopChildren,
  table,
} from "./support";
import { connectTenants, type Tenant } from "./tenants";

const scale = Number(process.env.BENCH_SCALE ?? 1);
const openRate = Number(process.env.BENCH_OPEN_RATE ?? 500);
const TENANTS = 10;

/** nginx masters and their workers (the workers do the TLS and the proxying). */
const nginxProcesses = (...masterPids: (number | undefined)[]): Measured => ({
  pids: () =>
    masterPids.flatMap((master) => {
      if (!master) return [];
      try {
        const children = readFileSync(`/proc/${master}/task/${master}/children`, "utf8");
        return [master, ...children.trim().split(/\s+/).filter(Boolean).map(Number)];
      } catch {
        return [master];
      }
    }),
});

async function main(): Promise<number> {
  const serverUrl = await benchServerUrl();
  if (!serverUrl) return 2;
  console.log(`${new Date().toISOString()} · Node ${process.version}`);
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const dir = mkdtempSync(join(tmpdir(), "lj-bench-deployed-"));
  const { cert, key } = selfSignedCertificate(dir);
  const redis = await startRedis();
  const [httpsPort, httpPort, barePort] = [await freePort(), await freePort(), await freePort()];
  const proxyUrl = `https://127.0.0.1:${httpsPort}`;
  let stack: Stack | undefined;
  const stops: (() => Promise<void>)[] = [];
  const rows: string[][] = [];
  const mismatches: string[] = [];
  try {
    stack = await startStack({
      serverUrl,
      webhookUrl: `${proxyUrl}/webhook`,
      simulatorEnv: { NODE_EXTRA_CA_CERTS: cert },
      productEnv: { ROLE: "web", REDIS_URL: redis.url, TRUST_PROXY: "true" },
    });
    const web2 = await stack.startWeb("web2");
    const worker = stack.startWorker();
    stops.push(
      () => stopChild(web2.child),
      () => stopChild(worker),
    );
    /** `deploy/nginx/linkojob.conf` rendered in front of two upstream addresses (the same one twice: one instance). */
    const proxy = async (name: string, web1: string, web2: string, ports = { https: 0, http: 0 }) => {
      const https = ports.https || (await freePort());
      const started = await startNginx(
        join(dir, name),
        {
          LJ_DOMAIN: "localhost",
          LJ_TLS_CERT: cert,
          LJ_TLS_KEY: key,
          LJ_HTTP_PORT: String(ports.http || (await freePort())),
          LJ_HTTPS_PORT: String(https),
          LJ_WEB1: web1,
          LJ_WEB2: web2,
        },
        "auto",
      );
      stops.push(started.stop);
      return { url: `https://127.0.0.1:${https}`, pid: started.child.pid };
    };
    const web1Host = new URL(stack.appUrl).host;
    const both = await proxy("both", web1Host, new URL(web2.url).host, { https: httpsPort, http: httpPort });
    const one = await proxy("one", web1Host, web1Host);
    const bare = startChild("test/bench/bare-server.ts", {
      label: "bare",
      env: { BARE_PORT: String(barePort) },
    });
    await new Promise((resolve) => bare.once("message", resolve));
    stops.push(() => stopChild(bare));
    // The same site in front of the bare server: TLS and proxying alone.
    const bareProxy = await proxy("bare", `127.0.0.1:${barePort}`, `127.0.0.1:${barePort}`);

    const tenants: Tenant[] = await connectTenants(stack, TENANTS);
    console.log(`${tenants.length} clients connected through Embedded Signup, each with its own number`);
    // The load generator trusts the proxy's certificate as Meta trusts a real one.
    const loadgen = startChild("test/bench/load-generator.ts", {
      label: "loadgen",
      env: { NODE_EXTRA_CA_CERTS: cert },
    });
    stops.push(() => stopChild(loadgen));
    const processes = {
      web1: stack.product,
      web2: web2.child,
      worker,
      // Only the proxy in use works; both are counted so the column means the same in every row.
      nginx: nginxProcesses(both.pid, one.pid),
      loadgen,
    };

    const spec = (runId: string, deliveries: number) =>
      benchMix(runId, tenants, Math.max(200, Math.round(deliveries * scale)));
    const perDelivery = eventsPerDelivery(spec("x", 1));
    const closed: IngressMode = { mode: "closed", concurrency: 64 };
    const open: IngressMode = { mode: "open", deliveriesPerSecond: openRate };
    const openCount = openRate * 12;
    const ceilingRow = (label: string, result: IngressResult) =>
      rows.push([
        label,
        fmt(ackRate(result)),
        "",
        `${fmt(percentile(result.latencies, 50), 1)} / ${fmt(percentile(result.latencies, 99), 1)}`,
        "",
        "",
        "",
      ]);
    const productRow = (label: string, outcome: IngressOutcome) => {
      const events =
        outcome.counts.inboundExpected + outcome.counts.readExpected + outcome.counts.deliveredExpected;
      const lat = outcome.acked.latencies;
      rows.push([
        label,
        fmt(ackRate(outcome.acked)),
        fmt(events / outcome.processed.seconds),
        `${fmt(percentile(lat, 50), 1)} / ${fmt(percentile(lat, 99), 1)}`,
        fmt(outcome.processed.lagP99),
        lossless(outcome) ? "0 / 0" : "MISMATCH",
        cpuText(outcome.cpu),
      ]);
      if (!lossless(outcome)) mismatches.push(`${label}: ${JSON.stringify(outcome.counts)}`);
      console.log(`  ${label}: ${JSON.stringify(outcome.acked.byStatus)}; ${cpuText(outcome.cpu)}`);
    };

    console.log("\n== bare node:http, 64 in flight: straight, then through nginx (TLS)");
    ceilingRow(
      "bare node:http, straight (http)",
      await ceilingRun(`http://127.0.0.1:${barePort}`, loadgen, spec("c1", 20_000), closed),
    );
    ceilingRow(
      "bare node:http, through nginx (https)",
      await ceilingRun(bareProxy.url, loadgen, spec("c2", 20_000), closed),
    );

    // The three ways in, each given the same load in turn: straight to one instance, through nginx to
    // that one instance (TLS and the proxy's cost), through nginx to both (the deployment).
    const targets = [
      ["straight to web 1 (http)", { url: `${stack.appUrl}/webhook`, processes }],
      ["nginx (https) → web 1", { url: `${one.url}/webhook`, processes }],
      ["nginx (https) → web 1 + web 2", { url: `${both.url}/webhook`, processes }],
    ] as const;
    console.log("\n== the product, 64 in flight");
    for (const [i, [label, target]] of targets.entries())
      productRow(
        `product, ${label}, 64 in flight`,
        await ingressRun(stack, tenants, loadgen, spec(`closed${i}`, 20_000), closed, target),
      );
    console.log(
      `\n== the product, ${fmt(openRate)} deliveries/s offered (${fmt(openRate * perDelivery)} events/s)`,
    );
    for (const [i, [label, target]] of targets.entries())
      productRow(
        `product, ${label}, ${fmt(openRate)}/s offered`,
        await ingressRun(stack, tenants, loadgen, spec(`open${i}`, openCount), open, target),
      );
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => console.error("stop:", error));
    await stopChildren();
    await stack?.close().catch((error: unknown) => console.error("cleanup:", error));
    redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `\n== Summary (load average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")})\n`,
  );
  console.log(
    table(
      [
        "target",
        "deliveries/s acknowledged",
        "events/s fully processed",
        "ack p50 / p99 (ms)",
        "lag p99 (ms)",
        "lost / doubled",
        "CPU (share of one core)",
      ],
      rows,
    ),
  );
  for (const mismatch of mismatches) console.error(`lost or doubled: ${mismatch}`);
  return mismatches.length > 0 ? 1 : 0;
}

runAsProcess(main);
