import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("loadConfig", () => {
  it("runs in sandbox mode with no configuration at all", () => {
    const config = loadConfig({});
    expect(config.mode).toBe("sandbox");
    expect(config.db).toEqual({ kind: "pglite", dataDir: "./data/pglite" });
    expect(config.meta.graphBaseUrl).toBe("http://localhost:3000/simulator/graph");
    expect(config.http.cookieSecure).toBe(false);
  });

  it("calls Graph v25.0 by default, and refuses a version Meta no longer serves as itself", () => {
    expect(loadConfig({}).meta.graphVersion).toBe("v25.0");
    const problemsWith = (version: string) => {
      try {
        loadConfig({ META_GRAPH_VERSION: version });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problemsWith("v20.0")).toEqual([
      "META_GRAPH_VERSION: v20.0 expired on 2026-09-24 (Meta now answers it as v21.0): set v25.0",
    ]);
    expect(problemsWith("v12.0")[0]).toContain("not a Graph API version Meta serves today");
    // Newer than this release knows: Meta may have released it since.
    expect(problemsWith("v99.0")).toEqual([]);
  });

  it("keeps the PGlite data folder where DATA_DIR says", () => {
    expect(loadConfig({ DATA_DIR: "/var/lib/lj/" }).db).toEqual({
      kind: "pglite",
      dataDir: "/var/lib/lj/pglite",
    });
  });

  it("switches to live mode with DATABASE_URL and lists every missing variable at once", () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: "postgres://u:p@db:5432/lj" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const name of [
      "META_APP_ID",
      "META_APP_SECRET",
      "META_CONFIG_ID",
      "WEBHOOK_VERIFY_TOKEN",
      "TOKEN_ENCRYPTION_KEYS",
      "PUBLIC_URL",
    ]) {
      expect(problems).toContain(name);
    }
  });

  it("names the variable and the rule when a value is malformed", () => {
    expect(() => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x" })).toThrowError(
      /PORT: .*\n.*DATABASE_URL: must be a postgres/s,
    );
  });

  it("uses graph.facebook.com and secure cookies in live mode", () => {
    const config = loadConfig({
      DATABASE_URL: "postgresql://u:p@db/lj",
      META_APP_ID: "1",
      META_APP_SECRET: "s",
      META_CONFIG_ID: "c",
      WEBHOOK_VERIFY_TOKEN: "verify-me-please",
      TOKEN_ENCRYPTION_KEYS: "v1:abc",
      PUBLIC_URL: "https://wa.linkojob.ma/",
    });
    expect(config.mode).toBe("live");
    expect(config.meta.graphBaseUrl).toBe("https://graph.facebook.com");
    expect(config.http.publicUrl).toBe("https://wa.linkojob.ma");
    expect(config.http.cookieSecure).toBe(true);
  });
});
