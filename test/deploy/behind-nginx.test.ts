import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { Agent as HttpsAgent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messagesDelivery, signed } from "../bench/payloads";
import { type Stack, startStack } from "../bench/stack";
import { freePort, stopChild, waitFor } from "../bench/support";
import { connectTenants, TENANT_PASSWORD, type Tenant } from "../bench/tenants";
import { startRedis } from "../support/redis-server";
import { PATIENCE_MS } from "../support/waiting";
import {
  httpsCall,
  proxiedDeploymentSkipReason,
  selfSignedCertificate,
  startNginx,
  trustingAgent,
} from "./nginx";

/**
 * The deployment as `docs/deploy.md` sets it up, without containers: nginx with TLS
 * (`deploy/nginx/linkojob.conf`) in front of two web instances and a worker, on PostgreSQL and
 * Redis, each a process of its own. Everything below goes through HTTPS as Meta, a browser and
 * LinkoJob's servers would.
 */

const API_LIMIT_PER_MINUTE = 300;
/** Webhook load during the rolling restart: a busy client's, not a flood (up to ~100 deliveries/s). */
const POSTERS = 4;
const POST_EVERY_MS = 40;
const skipReason = proxiedDeploymentSkipReason();

let dir: string;
let stack: Stack;
let web2: { child: ChildProcess; url: string };
let worker: ChildProcess;
let nginx: Awaited<ReturnType<typeof startNginx>>;
let redis: Awaited<ReturnType<typeof startRedis>>;
let agent: HttpsAgent;
let ca: Buffer;
let proxyUrl: string;
let httpPort: number;
let tenant: Tenant;

/** A candidate's text message as Meta posts it, signed with the app's secret. */
function inboundDelivery(wamid: string, text: string) {
  const payload = messagesDelivery(tenant, {
    contacts: [{ profile: { name: "Salma Bennani" }, wa_id: "212612000777" }],
    messages: [
      {
        from: "212612000777",
        id: wamid,
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: "text",
        text: { body: text },
      },
    ],
  });
  const { body, signature } = signed(payload, stack.appSecret);
  return { body, headers: { "x-hub-signature-256": signature, "user-agent": "facebookexternalua" } };
}

const storedCount = async (wamids: string[]) =>
  (
    await stack.admin.query<{ n: number }>("select count(*)::int as n from messages where wamid = any($1)", [
      wamids,
    ])
  ).rows[0]!.n;

describe.skipIf(skipReason)(
  "the deployment behind nginx: TLS, two web instances, a worker, PostgreSQL, Redis",
  () => {
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "lj-nginx-"));
      const { cert, key } = selfSignedCertificate(dir);
      ca = readFileSync(cert);
      agent = trustingAgent(ca);
      redis = await startRedis();
      const httpsPort = await freePort();
      httpPort = await freePort();
      proxyUrl = `https://127.0.0.1:${httpsPort}`;
      stack = await startStack({
        serverUrl: process.env.TEST_DATABASE_URL!,
        webhookUrl: `${proxyUrl}/webhook`,
        // Meta (the simulator) trusts the proxy's certificate as it trusts a real one.
        simulatorEnv: { NODE_EXTRA_CA_CERTS: cert },
        productEnv: {
          ROLE: "web",
          REDIS_URL: redis.url,
          TRUST_PROXY: "true",
          PUBLIC_URL: proxyUrl,
          COOKIE_SECURE: "true",
          API_RATE_LIMIT_PER_MINUTE: String(API_LIMIT_PER_MINUTE),
        },
      });
      web2 = await stack.startWeb("web2");
      worker = stack.startWorker();
      nginx = await startNginx(dir, {
        LJ_DOMAIN: "localhost",
        LJ_HTTP_PORT: String(httpPort),
        LJ_HTTPS_PORT: String(httpsPort),
        LJ_WEB1: new URL(stack.appUrl).host,
        LJ_WEB2: new URL(web2.url).host,
        LJ_TLS_CERT: cert,
        LJ_TLS_KEY: key,
      });
      [tenant] = (await connectTenants(stack, 1)) as [Tenant];
    }, 4 * PATIENCE_MS);

    afterAll(async () => {
      await nginx?.stop();
      if (web2) await stopChild(web2.child);
      if (worker) await stopChild(worker);
      await stack?.close();
      redis?.stop();
      agent?.destroy();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("sends plain HTTP to HTTPS and keeps /metrics off the internet", async () => {
      const plain = await fetch(`http://127.0.0.1:${httpPort}/login`, { redirect: "manual" });
      expect(plain.status).toBe(301);
      expect(plain.headers.get("location")).toBe("https://127.0.0.1/login");
      expect((await httpsCall(agent, `${proxyUrl}/metrics`)).status).toBe(404);
      // The instances still serve it to Prometheus on the private network.
      expect((await fetch(`${stack.appUrl}/metrics`)).status).toBe(200);
    });

    it("serves the dashboard and logs a recruiter in over HTTPS, with a secure session cookie", async () => {
      const page = await httpsCall(agent, `${proxyUrl}/login`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<div id="root"');
      expect(page.headers["strict-transport-security"]).toContain("max-age=");
      const login = await httpsCall(agent, `${proxyUrl}/api/auth/login`, {
        body: JSON.stringify({ email: tenant.ownerEmail, password: TENANT_PASSWORD }),
      });
      expect(login.status, login.text).toBe(200);
      const cookie = String(login.headers["set-cookie"]);
      expect(cookie).toMatch(/lj_session=[^;]+;.*Secure/i);
      const session = /lj_session=[^;]+/.exec(cookie)![0];
      const me = await httpsCall(agent, `${proxyUrl}/api/auth/session`, { headers: { cookie: session } });
      expect(me.status, me.text).toBe(200);
      expect(JSON.parse(me.text).user.email).toBe(tenant.ownerEmail);
    });

    it("takes Meta's signed webhook through the proxy, and refuses a wrong signature", async () => {
      const wamid = `wamid.nginx-${randomBytes(6).toString("hex")}`;
      const good = inboundDelivery(wamid, "Bonjour, je suis disponible demain");
      expect((await httpsCall(agent, `${proxyUrl}/webhook`, good)).status).toBe(200);
      const forged = inboundDelivery(`${wamid}-forged`, "Bonjour");
      const refused = await httpsCall(agent, `${proxyUrl}/webhook`, {
        body: forged.body,
        headers: { ...forged.headers, "x-hub-signature-256": `sha256=${"0".repeat(64)}` },
      });
      expect(refused.status).toBe(401);
      await waitFor(
        "the delivery to be stored by the worker",
        async () => (await storedCount([wamid])) === 1,
        PATIENCE_MS,
      );
      expect(await storedCount([`${wamid}-forged`])).toBe(0);

      // The simulator plays Meta: its webhook reaches the product through nginx's certificate.
      const injected = await fetch(`${stack.simulatorUrl}/simulator/control/inbound`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          phoneNumberId: tenant.phoneNumberId,
          from: "+212612000778",
          type: "text",
          text: { body: "Je vous envoie mon CV" },
        }),
      });
      const { id } = (await injected.json()) as { id: string };
      await waitFor(
        "Meta's own delivery through the proxy",
        async () => (await storedCount([id])) === 1,
        PATIENCE_MS,
      );
    });

    it("reaches a tab over wss:// whichever web instance took the candidate's message", async () => {
      const socket: Socket = io(proxyUrl, {
        path: "/socket.io",
        transports: ["websocket"],
        auth: { token: tenant.apiKey },
        reconnection: false,
        ca: ca.toString("utf8"),
      });
      const received = new Set<string>();
      socket.on("message:received", (event: { message: { wamid: string | null } }) => {
        if (event.message.wamid) received.add(event.message.wamid);
      });
      try {
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", () => resolve());
          socket.once("connect_error", reject);
        });
        // Straight to each instance: one of them is not the one holding the socket.
        const wamids: string[] = [];
        for (const instance of [stack.appUrl, web2.url]) {
          const wamid = `wamid.socket-${randomBytes(6).toString("hex")}`;
          wamids.push(wamid);
          const delivery = inboundDelivery(wamid, `Message reçu par ${instance}`);
          const answer = await fetch(`${instance}/webhook`, { method: "POST", ...delivery });
          expect(answer.status).toBe(200);
        }
        await waitFor(
          "both messages on the socket",
          async () => wamids.every((w) => received.has(w)),
          PATIENCE_MS,
        );
      } finally {
        socket.close();
      }
    });

    it("keeps every delivery through a rolling restart of both web instances", async () => {
      const sent: string[] = [];
      const failures: string[] = [];
      let loading = true;
      const post = async () => {
        while (loading) {
          const wamid = `wamid.rolling-${randomBytes(8).toString("hex")}`;
          sent.push(wamid);
          try {
            const answer = await httpsCall(
              agent,
              `${proxyUrl}/webhook`,
              inboundDelivery(wamid, "Toujours là ?"),
            );
            if (answer.status !== 200) failures.push(`${answer.status} ${answer.text.slice(0, 200)}`);
          } catch (error) {
            failures.push(error instanceof Error ? error.message : String(error));
          }
          await sleep(POST_EVERY_MS);
        }
      };
      const posters = Array.from({ length: POSTERS }, post);
      const count = () => sent.length;
      await waitFor("load to start", async () => count() > 30, PATIENCE_MS);
      // One instance at a time, as a rolling deployment does: stopped (SIGTERM), then started again.
      await stack.restartProduct({ ROLE: "web" });
      const afterFirst = count();
      await waitFor(
        "deliveries through the restarted instance",
        async () => count() > afterFirst + 30,
        PATIENCE_MS,
      );
      await stopChild(web2.child);
      web2 = await stack.startWeb("web2", web2.url);
      const afterSecond = count();
      await waitFor(
        "deliveries after the second restart",
        async () => count() > afterSecond + 30,
        PATIENCE_MS,
      );
      loading = false;
      await Promise.all(posters);

      const kinds = new Map<string, number>();
      for (const failure of failures) kinds.set(failure, (kinds.get(failure) ?? 0) + 1);
      expect(failures.length, `of ${sent.length}: ${JSON.stringify([...kinds])}`).toBe(0);
      await waitFor(
        `all ${sent.length} deliveries stored once`,
        async () => (await storedCount(sent)) === sent.length,
        PATIENCE_MS,
      );
      const doubled = await stack.admin.query(
        "select wamid from messages where wamid = any($1) group by wamid having count(*) > 1",
        [sent],
      );
      expect(doubled.rows).toEqual([]);
    });

    it("counts an API key's calls across both instances (Redis), not per instance", async () => {
      // Twice the limit, spread over both instances by nginx: were each counting alone, nearly all
      // would pass. Earlier calls of this minute only lower the number that passes.
      const statuses: number[] = [];
      const calls = Array.from({ length: 2 * API_LIMIT_PER_MINUTE }, () =>
        httpsCall(agent, `${proxyUrl}/api/conversations?limit=1`, {
          headers: { authorization: `Bearer ${tenant.apiKey}` },
        }).then((answer) => statuses.push(answer.status)),
      );
      await Promise.all(calls);
      const passed = statuses.filter((s) => s === 200).length;
      expect(passed).toBeGreaterThan(0);
      expect(passed).toBeLessThanOrEqual(API_LIMIT_PER_MINUTE);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(API_LIMIT_PER_MINUTE);
      expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    });
  },
);

if (skipReason)
  describe("the deployment behind nginx", () => {
    it.skip(`needs ${skipReason}`, () => {});
  });
