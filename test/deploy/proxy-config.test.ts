import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const caddy = spawnSync("caddy", ["version"], { encoding: "utf8" });
const noCaddy = caddy.error ? "caddy is not installed (Debian's `caddy` package; .ci/run installs it)" : "";

describe("the deployment's TLS proxy (deploy/Caddyfile)", () => {
  it.skipIf(noCaddy)("is a valid Caddy configuration", () => {
    const run = spawnSync(
      "caddy",
      ["validate", "--config", join(root, "deploy/Caddyfile"), "--adapter", "caddyfile"],
      {
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, DOMAIN: "whatsapp.example.com", ACME_EMAIL: "ops@example.com" },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toContain("Valid configuration");
  });

  it.skipIf(noCaddy)("sends the webhook and everything else to both web instances", () => {
    const run = spawnSync(
      "caddy",
      ["adapt", "--config", join(root, "deploy/Caddyfile"), "--adapter", "caddyfile"],
      {
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, DOMAIN: "whatsapp.example.com", ACME_EMAIL: "ops@example.com" },
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const json = run.stdout;
    expect(json).toContain('"/webhook"');
    const upstreams = [...json.matchAll(/"dial":"([^"]+)"/g)].map((m) => m[1]);
    expect(upstreams).toEqual(["web1:3000", "web2:3000", "web1:3000", "web2:3000"]);
  });

  it("is the proxy compose starts, in front of two web instances and a worker", () => {
    const compose = readFileSync(join(root, "deploy/compose.yaml"), "utf8");
    expect(compose).toContain("./Caddyfile:/etc/caddy/Caddyfile:ro");
    for (const service of ["web1", "web2", "worker", "migrate", "postgres", "redis", "caddy"])
      expect(compose).toMatch(new RegExp(`^  ${service}:$`, "m"));
  });
});
