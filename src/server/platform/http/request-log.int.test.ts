import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "../../../../test/support/test-app";
import { createTestDatabase, type TestDatabase } from "../../../../test/support/test-database";
import { type BuiltApp, buildApp } from "../../app";
import { createLogger } from "../logger";

/** Request lines name the URL, never the credentials some URLs carry in their query. */

const lines: string[] = [];
const capture = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    done();
  },
});

let database: TestDatabase;
let built: BuiltApp;
const verifyToken = "verify-token-7f3a9c";

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database, { WEBHOOK_VERIFY_TOKEN: verifyToken });
  built = await buildApp({ config, database, log: createLogger("info", capture) });
  await built.app.ready();
});
afterAll(async () => {
  await built.close();
  await database.drop();
});

const requestLines = () =>
  lines.map((line) => JSON.parse(line) as { msg: string; req?: { url: string } }).filter((l) => l.req);

describe("request logs", () => {
  it("redact Meta's webhook verify token from the request URL", async () => {
    const url = `/webhook?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=4242`;
    const response = await built.app.inject({ method: "GET", url });
    expect(response.body).toBe("4242");
    const logged = requestLines().find((l) => l.req?.url.startsWith("/webhook?"));
    expect(logged?.req?.url).toBe(
      "/webhook?hub.mode=subscribe&hub.verify_token=[redacted]&hub.challenge=4242",
    );
    expect(lines.join("\n")).not.toContain(verifyToken);
  });

  it("redact an OAuth code and state, and tokens sent to the Graph API", async () => {
    await built.app.inject({
      method: "GET",
      url: "/api/auth/whatsapp/callback?code=oauth-code-51d2e8&state=oauth-state-9b47c1",
    });
    await built.app.inject({
      method: "GET",
      url: "/simulator/graph/v23.0/debug_token?input_token=user-token-a81f&access_token=app%7Capp-secret-c3d9",
    });
    const text = lines.join("\n");
    for (const secret of ["oauth-code-51d2e8", "oauth-state-9b47c1", "user-token-a81f", "app-secret-c3d9"])
      expect(text).not.toContain(secret);
    expect(requestLines().map((l) => l.req?.url)).toContain(
      "/api/auth/whatsapp/callback?code=[redacted]&state=[redacted]",
    );
  });
});
