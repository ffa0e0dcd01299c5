import { mkdirSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  WebhookDeliveryPage,
  WebhookEndpointListResponse,
  WebhookEndpointResponse,
} from "../../src/contracts/outbound-webhooks";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { eventually, PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

/** Set to a folder to save the delivery log's screenshot there. */
const screenshotDir = process.env.LJ_SCREENSHOT_DIR;

/** A receiver on loopback (the sandbox accepts it) that answers what it is told, and keeps each request. */
class Receiver {
  readonly received: { path: string; headers: IncomingHttpHeaders; body: string; status: number }[] = [];
  answer = 500;
  url = "";
  private server!: Server;

  async start() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const status = this.answer;
        this.received.push({
          path: request.url ?? "/",
          headers: request.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          status,
        });
        response
          .writeHead(status, { "content-type": "text/plain" })
          .end(status === 200 ? "ok" : "receiver down for maintenance");
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/linkojob-hooks`;
  }

  async stop() {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

// The owner registers an endpoint, a candidate's message fails to reach it, the log shows the failure
// and its answer; once the receiver is back, "resend failed" delivers the same event, signed.
describe.skipIf(browserSkipReason)("dashboard: webhook endpoints and their delivery log", () => {
  let app: AppServer;
  let session: Caller;
  let phoneNumberId: string;
  let browser: Browser;
  let page: Page;
  const receiver = new Receiver();
  let secret = "";
  let endpointId = "";
  /** The address the endpoint is given from the dashboard. */
  let newUrl = "";

  beforeAll(async () => {
    await receiver.start();
    // Retries stop after a second, so the first failures end as "failed" (replayable) at once.
    app = await startAppServer({
      OUTBOUND_WEBHOOK_RETRY_BASE_SECONDS: "0.2",
      OUTBOUND_WEBHOOK_RETRY_FOR_HOURS: String(1 / 3600),
    });
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca");
    phoneNumberId = connection.phoneNumberId as string;
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  }, TEST_BUDGET_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await receiver.stop();
  });

  it("registers an endpoint and shows its signing secret once", async () => {
    await loginThroughPage(page, app.url, "/inbox", demoAccount.owner);
    await page.getByRole("link", { name: "Webhooks" }).click();
    await page.getByRole("heading", { name: "Webhooks", level: 1 }).waitFor();
    await page.getByText("Aucun endpoint pour l’instant.").waitFor();

    await page.getByRole("button", { name: "Ajouter un endpoint" }).click();
    const form = page.getByRole("dialog", { name: "Ajouter un endpoint" });
    await form.getByLabel("Adresse (URL)").fill("pas une adresse");
    await form.getByRole("button", { name: "Ajouter", exact: true }).click();
    await form.getByText("Saisissez une adresse complète commençant par https:// ou http://.").waitFor();
    await form.getByText("Cochez au moins un événement.").waitFor();
    await form.getByLabel("Adresse (URL)").fill(receiver.url);
    await form.getByLabel("Description").fill("Serveur de test");
    await form.getByLabel(/Message reçu/).check();
    await form.getByRole("button", { name: "Ajouter", exact: true }).click();

    const reveal = page.getByRole("dialog", { name: "Copiez le secret de signature maintenant" });
    secret = await reveal.getByLabel(/Secret de signature/).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await reveal.getByRole("button", { name: "J’ai copié le secret" }).click();
    await reveal.waitFor({ state: "detached" });

    const row = page.getByRole("row", { name: /linkojob-hooks/ });
    await row.getByText("Actif").waitFor();
    expect(await row.textContent()).not.toContain(secret);
    const listed = (await session.get("/api/webhook-endpoints")).json<WebhookEndpointListResponse>();
    expect(listed.endpoints.map((endpoint) => endpoint.url)).toEqual([receiver.url]);
    endpointId = listed.endpoints[0]!.id;
  });

  it("shows a candidate's message that the endpoint refused as a failed delivery, with the answer", async () => {
    const inbound = await app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: {
        phoneNumberId,
        from: "212612345678",
        profileName: "Youssef Alaoui",
        type: "text",
        text: { body: "Bonjour, le poste est-il toujours ouvert ?" },
      },
    });
    expect(inbound.statusCode, inbound.body).toBeLessThan(300);
    await eventually(async () => {
      const page = (
        await session.get(`/api/webhook-endpoints/${endpointId}/deliveries?state=failed`)
      ).json<WebhookDeliveryPage>();
      return page.deliveries.length === 1;
    });
    expect(receiver.received.length).toBeGreaterThan(0);
    expect(receiver.received.every((request) => request.status === 500)).toBe(true);

    await page.getByRole("link", { name: receiver.url }).click();
    await page.getByRole("heading", { name: "Journal des livraisons", level: 1 }).waitFor();
    // The endpoint's state follows: failing since the first failure.
    await page.getByText(/En échec depuis le/).waitFor();
    const failed = page.locator("tr.delivery-row--failed");
    await failed.getByText("En échec").waitFor();
    await failed.getByText("Message reçu").waitFor();
    await failed.getByText("HTTP 500").waitFor();
    if (screenshotDir) {
      mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: join(screenshotDir, "webhooks-fr.png") });
    }

    await failed.getByRole("button", { name: /Détails/ }).click();
    const detail = page.getByRole("dialog", { name: "Livraison · Message reçu" });
    await detail.getByText("receiver down for maintenance").first().waitFor();
    const body = await detail.locator("pre").first().textContent();
    expect(JSON.parse(body ?? "")).toMatchObject({
      type: "message.received",
      data: { message: { content: { body: "Bonjour, le poste est-il toujours ouvert ?" } } },
    });
    await detail.getByRole("button", { name: "Fermer" }).last().click();
    await detail.waitFor({ state: "detached" });
  });

  it("resends the failed deliveries once the receiver is back, signed so it verifies them", async () => {
    const failedIds = new Set(receiver.received.map((request) => String(request.headers["webhook-id"])));
    receiver.answer = 200;
    await page.getByRole("button", { name: "Renvoyer les livraisons en échec" }).click();
    await page.getByText("1\u00a0livraison renvoyée.").first().waitFor();
    const row = page.locator("tr.delivery-row").filter({ hasText: "Message reçu" });
    await row.getByText("Livrée").waitFor();
    await row.getByText("HTTP 200").waitFor();
    expect(await page.locator("tr.delivery-row--failed").count()).toBe(0);
    await page.getByText("Actif", { exact: true }).waitFor();

    const delivered = receiver.received.filter((request) => request.status === 200);
    expect(delivered).toHaveLength(1);
    const verified = new Webhook(secret).verify(
      delivered[0]!.body,
      delivered[0]!.headers as Record<string, string>,
    ) as { id: string; type: string };
    expect(verified.type).toBe("message.received");
    // The same event as the failed attempts: the receiver can dedupe on its id.
    expect(failedIds).toEqual(new Set([verified.id]));
  });

  it("changes the endpoint's address and events from the dashboard: the next delivery follows them", async () => {
    newUrl = receiver.url.replace("/linkojob-hooks", "/ats-hooks");
    await page.getByRole("button", { name: /^Modifier/ }).click();
    const form = page.getByRole("dialog", { name: /^Modifier/ });
    // The form as at creation, prefilled.
    expect(await form.getByLabel("Adresse (URL)").inputValue()).toBe(receiver.url);
    expect(await form.getByLabel("Description").inputValue()).toBe("Serveur de test");
    expect(await form.getByLabel(/Message reçu/).isChecked()).toBe(true);
    expect(await form.getByLabel(/Actif/).isChecked()).toBe(true);
    await form.getByLabel(/Message reçu/).uncheck();
    await form.getByRole("button", { name: "Enregistrer" }).click();
    await form.getByText("Cochez au moins un événement.").waitFor();
    await form.getByLabel(/Conversation assignée/).check();
    await form.getByLabel("Adresse (URL)").fill(newUrl);
    await form.getByRole("button", { name: "Enregistrer" }).click();
    await form.waitFor({ state: "detached" });
    await page.locator(".endpoint-summary h2").getByText(newUrl).waitFor();
    await page.locator(".endpoint-summary .tag").getByText("Conversation assignée").waitFor();
    const endpoint = (
      await session.get(`/api/webhook-endpoints/${endpointId}`)
    ).json<WebhookEndpointResponse>();
    expect(endpoint).toMatchObject({ url: newUrl, eventTypes: ["conversation.assigned"] });

    // The candidate writes again (no longer sent), and a recruiter takes the conversation (sent).
    const before = receiver.received.length;
    const inbound = await app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: { phoneNumberId, from: "212612345678", type: "text", text: { body: "Je relance" } },
    });
    expect(inbound.statusCode, inbound.body).toBeLessThan(300);
    const me = (await session.get("/api/auth/session")).json<{ user: { id: string } }>();
    // Stored (and, were it still subscribed, queued for the endpoint in the same transaction).
    const conversation = await eventually(async () => {
      const { conversations } = (await session.get("/api/conversations")).json<{
        conversations: { id: string; lastMessagePreview: string | null }[];
      }>();
      return conversations.find((item) => item.lastMessagePreview === "Je relance");
    });
    const assigned = await session.post(`/api/conversations/${conversation.id}/assign`, {
      assigneeId: me.user.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const received = await eventually(async () => receiver.received.find((r) => r.path === "/ats-hooks"));
    const verified = new Webhook(secret).verify(
      received.body,
      received.headers as Record<string, string>,
    ) as {
      id: string;
      type: string;
    };
    expect(verified.type).toBe("conversation.assigned");

    // The log shows it (no notice announces a new delivery: "Actualiser" reads the log again),
    // delivered to the new address, with the call's latency.
    const row = page.locator("tr.delivery-row").filter({ hasText: "Conversation assignée" });
    await expect
      .poll(
        async () => {
          await page.getByRole("button", { name: "Actualiser" }).click();
          return row.filter({ hasText: "Livrée" }).count();
        },
        { timeout: PATIENCE_MS },
      )
      .toBe(1);
    await row.getByText("HTTP 200").waitFor();
    await row.getByText(/^\d[\d\s\u202f\u00a0]*\u00a0ms$/).waitFor();
    await expect
      .poll(async () => receiver.received.slice(before).map((r) => r.path), { timeout: PATIENCE_MS })
      .toEqual(["/ats-hooks"]);
    await row.getByRole("button", { name: /Détails/ }).click();
    const detail = page.getByRole("dialog", { name: "Livraison · Conversation assignée" });
    await detail.getByText("Durée").waitFor();
    await detail.getByText("En-têtes envoyés").click();
    await detail.getByText(`webhook-id: ${verified.id}`, { exact: false }).waitFor();
    await detail.getByRole("button", { name: "Fermer" }).last().click();
    await detail.waitFor({ state: "detached" });
  });

  it("reads right to left in Arabic, the address and the event names left to right", async () => {
    await page.getByRole("button", { name: "Langue" }).click();
    await page.getByRole("button", { name: "العربية" }).click();
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    await page.getByRole("heading", { name: "سجل التسليمات", level: 1 }).waitFor();
    await page.getByRole("button", { name: "إعادة إرسال التسليمات الفاشلة" }).waitFor();
    const url = page.locator(".endpoint-summary bdi[dir=ltr]").first();
    expect(await url.textContent()).toBe(newUrl);
    expect(await url.evaluate((node) => getComputedStyle(node).direction)).toBe("ltr");
    const code = page.locator("tr.delivery-row code").first();
    expect(await code.evaluate((node) => getComputedStyle(node).direction)).toBe("ltr");
    // The page itself runs right to left: the title sits at the right of its header.
    const title = await page.getByRole("heading", { level: 1 }).boundingBox();
    const header = await page.locator(".page__header").boundingBox();
    expect(title!.x + title!.width).toBeGreaterThan(header!.x + header!.width / 2);
  });
});
