import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { loginAs } from "../support/factories";
import { browserSkipReason, launchBrowser } from "./support/browser";

const SECRET = "an-sso-secret-of-at-least-32-characters!";

// A recruiter arrives from a signed LinkoJob link: straight into the inbox, signed in as the user
// created just in time; an expired or already used link shows the refusal page and opens nothing.
describe.skipIf(browserSkipReason)("dashboard: single sign-on from LinkoJob", () => {
  let app: AppServer;
  let browser: Browser;
  let clientId: string;

  beforeAll(async () => {
    app = await startAppServer({ SSO_HS256_SECRET: SECRET });
    const owner = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    clientId = (await owner.get("/api/auth/session")).json<{ client: { id: string } }>().client.id;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** LinkoJob's side: a short HS256 token for one of its recruiters (the audience is the app's URL). */
  function sign(claims: Record<string, unknown>, options: { issuedAgoSeconds?: number } = {}) {
    const now = Math.floor(Date.now() / 1000) - (options.issuedAgoSeconds ?? 0);
    return new SignJWT({ client_id: clientId, role: "recruiter", ...claims })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("linkojob")
      .setAudience(app.url)
      .setSubject(String(claims.sub))
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + 120)
      .sign(new TextEncoder().encode(SECRET));
  }

  async function freshContext(): Promise<BrowserContext> {
    return browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
  }

  let usedToken = "";

  it("lands in the inbox signed in as the recruiter created just in time", async () => {
    usedToken = await sign({ sub: "lj-rec-77", email: "samira@demo.linkojob.ma", name: "Samira Bennani" });
    const context = await freshContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/sso/linkojob?token=${usedToken}`);
    await page.waitForURL(`${app.url}/inbox`);
    // The token does not stay in the address bar or the history.
    expect(page.url()).not.toContain(usedToken);

    await page.getByRole("button", { name: "Mon compte" }).click();
    await page.getByText("Samira Bennani").waitFor();
    await page.getByText("samira@demo.linkojob.ma").waitFor();
    await page.getByText(/Recruteur/).waitFor();
    const session = await page.evaluate(async () => (await fetch("/api/auth/session")).json());
    expect(session).toMatchObject({
      user: { email: "samira@demo.linkojob.ma", name: "Samira Bennani", role: "recruiter" },
      client: { id: clientId },
    });
    await context.close();
  });

  it("refuses the same link a second time with the refusal page, and opens no session", async () => {
    const context = await freshContext();
    const page = await context.newPage();
    const response = await page.goto(`${app.url}/sso/linkojob?token=${usedToken}`);
    expect(response?.status()).toBe(401);
    await page.getByRole("heading", { name: "Connexion impossible" }).waitFor();
    await page.getByText("Ce lien de connexion a déjà servi").waitFor();
    expect((await context.cookies()).some((cookie) => cookie.name === "lj_session")).toBe(false);

    await page.goto(`${app.url}/inbox`);
    await page.waitForURL(`${app.url}/login?next=%2Finbox`);
    await context.close();
  });

  it("refuses an expired link with its message, in the browser's language", async () => {
    const expired = await sign(
      { sub: "lj-rec-78", email: "hamza@demo.linkojob.ma", name: "Hamza Tazi" },
      { issuedAgoSeconds: 600 },
    );
    const context = await freshContext();
    const page = await context.newPage();
    const response = await page.goto(`${app.url}/sso/linkojob?token=${expired}`);
    expect(response?.status()).toBe(401);
    await page.getByRole("heading", { name: "Connexion impossible" }).waitFor();
    await page.getByText("Le lien de connexion a expiré").waitFor();
    expect((await context.cookies()).some((cookie) => cookie.name === "lj_session")).toBe(false);
    await context.close();

    const arabic = await browser.newContext({ locale: "ar-MA" });
    const arabicPage = await arabic.newPage();
    await arabicPage.goto(`${app.url}/sso/linkojob?token=${expired}`);
    await arabicPage.getByText("انتهت صلاحية رابط تسجيل الدخول").waitFor();
    expect(await arabicPage.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await arabic.close();

    // Nothing was created for the refused recruiter.
    const owner = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const users = (await owner.get("/api/users")).json<{ users: { email: string }[] }>().users;
    expect(users.map((user) => user.email)).not.toContain("hamza@demo.linkojob.ma");
    expect(users.map((user) => user.email)).toContain("samira@demo.linkojob.ma");
  });
});
