import { generateKeyPairSync, randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClient, caller, loginAs, TEST_PASSWORD } from "../../../../../test/support/factories";
import { createTestApp, type TestApp } from "../../../../../test/support/test-app";
import { queryRows } from "../../../../../test/support/webhooks";
import { createLogger } from "../../../platform/logger";

const SECRET = "an-sso-secret-of-at-least-32-characters!";
const AUDIENCE = "https://whatsapp.linkojob.test";
const unique = () => randomUUID().slice(0, 8);

let app: TestApp;
const logLines: string[] = [];

beforeAll(async () => {
  // Every log line of this app, to prove no token reaches one.
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = await createTestApp({
    env: {
      SSO_HS256_SECRET: SECRET,
      SSO_AUDIENCE: AUDIENCE,
      SSO_FRAME_ANCESTORS: "https://www.linkojob.test",
    },
    log: createLogger("info", sink),
  });
});
afterAll(() => app.close());

interface TokenOptions {
  claims?: Record<string, unknown>;
  audience?: string;
  issuer?: string;
  lifeSeconds?: number;
  issuedAgoSeconds?: number;
  secret?: string;
}

function sign(options: TokenOptions = {}) {
  const now = Math.floor(Date.now() / 1000) - (options.issuedAgoSeconds ?? 0);
  return new SignJWT({
    email: `rec-${unique()}@acme.test`,
    name: "Nadia Recruteuse",
    role: "recruiter",
    ...options.claims,
  })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(options.issuer ?? "linkojob")
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject(String(options.claims?.sub ?? `lj-user-${unique()}`))
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + (options.lifeSeconds ?? 120))
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

const open = (token: string, language = "fr") =>
  app.inject({
    method: "GET",
    url: `/sso/linkojob?token=${token}`,
    headers: { "accept-language": language },
  });

async function counts() {
  const [row] = await queryRows<{ users: number; sessions: number }>(
    app,
    "SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM sessions) AS sessions",
  );
  return row;
}

describe("single sign-on from LinkoJob", () => {
  it("creates the user just in time, opens a session and lands in the inbox", async () => {
    const { client } = await buildClient(app);
    const token = await sign({
      claims: { client_id: client.id, sub: "lj-42", email: "nadia@acme.test", locale: "ar" },
    });
    const response = await open(token);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/inbox");
    const cookie = response.cookies.find((c) => c.name === "lj_session")!;
    // Embedding is configured: the cookie must travel inside LinkoJob's iframe.
    expect(cookie).toMatchObject({ sameSite: "None", secure: true, httpOnly: true });
    const session = caller(app, { cookie: `lj_session=${cookie.value}` });
    const me = (await session.get("/api/auth/session")).json();
    expect(me.user).toMatchObject({
      email: "nadia@acme.test",
      name: "Nadia Recruteuse",
      role: "recruiter",
      locale: "ar",
    });
    expect(me.client.id).toBe(client.id);

    // A second arrival finds the same user by LinkoJob's id and follows LinkoJob's changes.
    const again = await open(
      await sign({
        claims: {
          client_id: client.id,
          sub: "lj-42",
          email: "nadia.b@acme.test",
          name: "Nadia B.",
          role: "admin",
        },
      }),
    );
    expect(again.statusCode).toBe(303);
    const users = await queryRows(
      app,
      "SELECT email, name, role, external_id FROM users WHERE client_id = $1 AND external_id = 'lj-42'",
      [client.id],
    );
    expect(users).toEqual([
      { email: "nadia.b@acme.test", name: "Nadia B.", role: "admin", external_id: "lj-42" },
    ]);
  });

  it("names the client by LinkoJob's company id too", async () => {
    const externalId = `lj-company-${unique()}`;
    const { client } = await buildClient(app);
    await app.database.query("UPDATE clients SET external_id = $1 WHERE id = $2", [externalId, client.id]);
    const response = await open(await sign({ claims: { company_id: externalId } }));
    expect(response.statusCode).toBe(303);
  });

  it("refuses a replayed token with a page saying so, and creates nothing the second time", async () => {
    const { client } = await buildClient(app);
    const token = await sign({ claims: { client_id: client.id } });
    expect((await open(token)).statusCode).toBe(303);
    const before = await counts();
    const replay = await open(token, "en");
    expect(replay.statusCode).toBe(401);
    expect(replay.headers["content-type"]).toMatch(/text\/html/);
    expect(replay.body).toContain("This sign-in link was already used");
    expect(replay.body).toContain('data-reason="replayed"');
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["expired", { lifeSeconds: 60, issuedAgoSeconds: 200 }, "expired", "a expiré"],
    ["for another audience", { audience: "https://someone-else.test" }, "audience", "autre service"],
    ["from another issuer", { issuer: "evil" }, "issuer", "ne vient pas de LinkoJob"],
    ["wrongly signed", { secret: "another-secret-of-at-least-32-characters" }, "signature", "signature"],
    ["living longer than 5 minutes", { lifeSeconds: 3600 }, "too_long_lived", "trop longue"],
  ] as const)("refuses a token %s, creating nothing", async (_name, options, reason, words) => {
    const { client } = await buildClient(app);
    const before = await counts();
    const response = await open(await sign({ ...options, claims: { client_id: client.id } }));
    expect(response.statusCode).toBe(401);
    expect(response.body).toContain(`data-reason="${reason}"`);
    expect(response.body).toContain(words);
    expect(response.headers["set-cookie"]).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it("refuses a token without a role, an unknown client, a suspended one, and an e-mail of another client", async () => {
    const { client } = await buildClient(app);
    const { owner: otherOwner } = await buildClient(app);
    const before = await counts();
    const noRole = await open(await sign({ claims: { client_id: client.id, role: "superuser" } }));
    expect(noRole.statusCode).toBe(401);
    expect(noRole.body).toContain('data-reason="claims"');
    const unknown = await open(await sign({ claims: { client_id: randomUUID() } }), "ar");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('dir="rtl"');
    const taken = await open(await sign({ claims: { client_id: client.id, email: otherOwner.email } }));
    expect(taken.statusCode).toBe(409);
    await app.database.query("UPDATE clients SET suspended_at = now() WHERE id = $1", [client.id]);
    const suspended = await open(await sign({ claims: { client_id: client.id } }));
    expect(suspended.statusCode).toBe(403);
    expect(suspended.body).toContain("client_suspended");
    expect(await counts()).toEqual(before);
  });

  it("accepts EdDSA tokens checked with LinkoJob's public key", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("ed25519");
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    const other = await createTestApp({ SSO_PUBLIC_KEY: pem, SSO_AUDIENCE: AUDIENCE });
    try {
      const { client } = await buildClient(other);
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({
        email: `ed-${unique()}@acme.test`,
        name: "Ed",
        role: "owner",
        client_id: client.id,
      })
        .setProtectedHeader({ alg: "EdDSA" })
        .setIssuer("linkojob")
        .setAudience(AUDIENCE)
        .setSubject("lj-ed")
        .setJti(randomUUID())
        .setIssuedAt(now)
        .setExpirationTime(now + 60)
        .sign(privateKey);
      const response = await other.inject({ method: "GET", url: `/sso/linkojob?token=${token}` });
      expect(response.statusCode).toBe(303);
      // A token signed with a shared secret is not accepted where a public key is configured.
      const hs = await sign({ claims: { client_id: client.id } });
      expect((await other.inject({ method: "GET", url: `/sso/linkojob?token=${hs}` })).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });

  it("lets LinkoJob frame the dashboard, and no one else", async () => {
    const page = await app.inject({ method: "GET", url: "/sso/linkojob" });
    expect(page.headers["content-security-policy"]).toContain(
      "frame-ancestors 'self' https://www.linkojob.test",
    );
    expect(page.headers["x-frame-options"]).toBeUndefined();
  });

  it("keeps the token out of the logs", async () => {
    const { client } = await buildClient(app);
    const token = await sign({ claims: { client_id: client.id } });
    await open(token);
    await open(token);
    const signature = token.split(".")[2]!;
    const logged = logLines.join("\n");
    // The requests were logged (with their URL), their token was not.
    expect(logged).toContain("/sso/linkojob?token=[redacted]");
    expect(logged).toContain('"reason":"replayed"');
    expect(logged).not.toContain(signature);
  });
});

describe("password login of a single-sign-on-only client", () => {
  it("is refused with a clear code, while single sign-on works", async () => {
    const { client, owner } = await buildClient(app);
    await app.database.query("UPDATE clients SET is_sso_only = true WHERE id = $1", [client.id]);
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: owner.email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe("sso_required");
    const sso = await open(
      await sign({ claims: { client_id: client.id, email: owner.email, role: "owner" } }),
    );
    expect(sso.statusCode).toBe(303);
    await app.database.query("UPDATE clients SET is_sso_only = false WHERE id = $1", [client.id]);
    await loginAs(app, owner);
  });
});
