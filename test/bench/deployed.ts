/**
 * `npm run bench:deployed`: webhook ingest through the deployment of `docs/deploy.md` (nginx with
 * TLS in front of two web instances, a worker, PostgreSQL and Redis, each a process of its own),
 * beside the same load sent straight to one of the web instances, in one run. A bare `node:http`
 * server reached both ways gives the proxy's own cost. Loopback only; bounded counts; it stops
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

/** nginx's master and its workers (the workers do the TLS and the proxying). */
const nginxProcesses = (masterPid: number | undefined): Measured => ({
  pids: () => {
    if (!masterPid) return [];
    try {
      const children = readFileSync(`/proc/${masterPid}/task/${masterPid}/children`, "utf8");
      return [masterPid, ...children.trim().split(/\s+/).filter(Boolean).map(Number)];
    } catch {
      return [masterPid];
    }
  },
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
  const [httpsPort, httpPort, bareHttpsPort, bareHttpPort, barePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
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
    const tls = { LJ_DOMAIN: "localhost", LJ_TLS_CERT: cert, LJ_TLS_KEY: key };
    const nginx = await startNginx(
      join(dir, "product"),
      {
        ...tls,
        LJ_HTTP_PORT: String(httpPort),
        LJ_HTTPS_PORT: String(httpsPort),
        LJ_WEB1: new URL(stack.appUrl).host,
        LJ_WEB2: new URL(web2.url).host,
      },
      "auto",
    );
    stops.push(nginx.stop);
    const bare = startChild("test/bench/bare-server.ts", {
      label: "bare",
      env: { BARE_PORT: String(barePort) },
    });
    await new Promise((resolve) => bare.once("message", resolve));
    stops.push(() => stopChild(bare));
    // The same site in front of the bare server (both upstream entries are it): TLS and proxying alone.
    const bareNginx = await startNginx(
      join(dir, "bare"),
      {
        ...tls,
        LJ_HTTP_PORT: String(bareHttpPort),
        LJ_HTTPS_PORT: String(bareHttpsPort),
        LJ_WEB1: `127.0.0.1:${barePort}`,
        LJ_WEB2: `127.0.0.1:${barePort}`,
      },
      "auto",
    );
    stops.push(bareNginx.stop);

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
      nginx: nginxProcesses(nginx.child.pid),
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
      await ceilingRun(`https://127.0.0.1:${bareHttpsPort}`, loadgen, spec("c2", 20_000), closed),
    );

    console.log("\n== the product, 64 in flight: straight to web 1, then through nginx to web 1 + web 2");
    const direct = { url: `${stack.appUrl}/webhook`, processes };
    const proxied = { url: `${proxyUrl}/webhook`, processes };
    productRow(
      "product, straight to web 1 (http), 64 in flight",
      await ingressRun(stack, tenants, loadgen, spec("d1", 20_000), closed, direct),
    );
    productRow(
      "product, through nginx (https), 64 in flight",
      await ingressRun(stack, tenants, loadgen, spec("p1", 20_000), closed, proxied),
    );

    console.log(
      `\n== the product, ${fmt(openRate)} deliveries/s offered (${fmt(openRate * perDelivery)} events/s)`,
    );
    productRow(
      `product, straight to web 1, ${fmt(openRate)}/s offered`,
      await ingressRun(stack, tenants, loadgen, spec("d2", openCount), open, direct),
    );
    productRow(
      `product, through nginx, ${fmt(openRate)}/s offered`,
      await ingressRun(stack, tenants, loadgen, spec("p2", openCount), open, proxied),
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
