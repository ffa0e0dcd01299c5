import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { Agent as HttpsAgent, request } from "node:https";
import { join, resolve } from "node:path";
import { stopChild, waitFor } from "../bench/support";

const root = resolve(import.meta.dirname, "../..");
export const NGINX = "/usr/sbin/nginx";

/** Why the proxied deployment cannot run here, or "" when it can. */
export function proxiedDeploymentSkipReason(): string {
  const missing = [
    [NGINX, "nginx"],
    ["/usr/bin/redis-server", "redis-server"],
    ["/usr/bin/openssl", "openssl"],
  ].filter(([file]) => spawnSync("test", ["-x", file!]).status !== 0);
  if (missing.length)
    return `${missing.map(([, pkg]) => pkg).join(", ")} not installed here (Debian packages; .ci/run installs them)`;
  if (!process.env.TEST_DATABASE_URL) return "needs a PostgreSQL server (TEST_DATABASE_URL), as in CI";
  return "";
}

/** A self-signed certificate for 127.0.0.1 and localhost, as an operator's would be for their domain. */
export function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  const run = spawnSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"],
      ...["-keyout", key, "-out", cert, "-subj", "/CN=localhost"],
      ...["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
    ],
    { encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error(`openssl: ${run.stderr}`);
  return { cert, key };
}

export interface NginxValues {
  LJ_DOMAIN: string;
  LJ_HTTP_PORT: string;
  LJ_HTTPS_PORT: string;
  LJ_WEB1: string;
  LJ_WEB2: string;
  LJ_TLS_CERT: string;
  LJ_TLS_KEY: string;
}

/** `deploy/nginx/linkojob.conf` rendered as its header says (`envsubst` of these names only). */
export function renderNginxSite(values: NginxValues): string {
  const template = readFileSync(join(root, "deploy/nginx/linkojob.conf"), "utf8");
  return template.replace(/\$\{(LJ_[A-Z0-9_]+)\}/g, (_, name: keyof NginxValues) => {
    if (!(name in values)) throw new Error(`no value for ${name}`);
    return values[name];
  });
}

/**
 * nginx in the foreground with the rendered site as its only `http` include, its files under
 * `dir`; resolves once it answers HTTPS.
 */
export async function startNginx(
  dir: string,
  values: NginxValues,
  /** 1 for the tests; a load test gives it `auto` (a worker per core), as Debian's own nginx.conf does. */
  workerProcesses: number | "auto" = 1,
): Promise<{ child: ChildProcess; stop(): Promise<void>; log(): string }> {
  for (const temp of ["body", "proxy", "fastcgi", "uwsgi", "scgi"])
    mkdirSync(join(dir, temp), { recursive: true });
  // As root, nginx's workers switch to `nobody`, who must read and write these folders.
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, "linkojob.conf"), renderNginxSite(values));
  const errorLog = join(dir, "error.log");
  writeFileSync(
    join(dir, "nginx.conf"),
    [
      "daemon off;",
      `worker_processes ${workerProcesses};`,
      `pid ${join(dir, "nginx.pid")};`,
      `error_log ${errorLog} warn;`,
      "events { worker_connections 1024; }",
      "http {",
      "  access_log off;",
      ...["body", "proxy", "fastcgi", "uwsgi", "scgi"].map(
        (temp) => `  ${temp === "body" ? "client_body" : temp}_temp_path ${join(dir, temp)};`,
      ),
      `  include ${join(dir, "linkojob.conf")};`,
      "}",
    ].join("\n"),
  );
  for (const temp of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) chmodSync(join(dir, temp), 0o777);
  const test = spawnSync(NGINX, ["-t", "-p", dir, "-c", join(dir, "nginx.conf"), "-e", errorLog], {
    encoding: "utf8",
  });
  if (test.status !== 0) throw new Error(`nginx -t: ${test.stderr}`);
  const child = spawn(NGINX, ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", errorLog], { stdio: "ignore" });
  const log = () => {
    try {
      return readFileSync(errorLog, "utf8");
    } catch {
      return "";
    }
  };
  const agent = trustingAgent(readFileSync(values.LJ_TLS_CERT));
  await waitFor(
    "nginx to answer HTTPS",
    async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${log()}`);
      return (await httpsCall(agent, `https://127.0.0.1:${values.LJ_HTTPS_PORT}/healthz`)).status > 0;
    },
    20_000,
  );
  agent.destroy();
  if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${log()}`);
  return { child, stop: () => stopChild(child, 5000), log };
}

/** An HTTPS agent that trusts `ca` (the proxy's self-signed certificate) and nothing else. */
export const trustingAgent = (ca: Buffer) => new HttpsAgent({ ca, keepAlive: true, maxSockets: 64 });

/** One HTTPS call; resolves with the status, the headers and the body's text. */
export function httpsCall(
  agent: HttpsAgent,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: options.method ?? (options.body === undefined ? "GET" : "POST"),
        headers: {
          ...(options.body === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(options.body) }),
          ...options.headers,
        },
        timeout: 30_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(options.body);
  });
}
