import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "../../src/simulator/index";
import { WebhookReceiver, waitFor } from "../../src/simulator/testing/harness";
import { browserSkipReason, launchBrowser } from "./support/browser";

let browser: Browser;
let app: FastifyInstance;
let sim: Simulator;
let receiver: WebhookReceiver;
let page: Page;
let origin = "";
let token = "";
let phoneId = "";

const graphPost = async (path: string, body: unknown) => {
  const res = await fetch(`${origin}/simulator/graph/v23.0${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { messages?: { id: string }[]; error?: unknown };
};
const lastMessage = () => {
  const messages = receiver
    .values()
    .flatMap((v) => (v.messages as Record<string, unknown>[] | undefined) ?? []);
  return messages.at(-1);
};

describe.skipIf(browserSkipReason)(
  `Candidate phone page in Chromium${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ""}`,
  () => {
    beforeAll(async () => {
      receiver = new WebhookReceiver("phone-secret");
      const webhookUrl = await receiver.start();
      sim = createSimulator({
        appSecret: "phone-secret",
        webhookUrl,
        statusDelaysMs: { sent: 10, delivered: 20, read: 30 },
      });
      app = Fastify();
      await app.register(sim.plugin, { prefix: "/simulator" });
      await app.listen({ port: 0, host: "127.0.0.1" });
      origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const phone = sim.state.phoneNumbers.find((p) => p.displayPhoneNumber === "+212 6 61 23 45 67");
      phoneId = String(phone?.id);
      const inject = (method: "POST", url: string, payload: object, auth?: string) =>
        app.inject({ method, url, payload, headers: auth ? { authorization: `Bearer ${auth}` } : {} });
      token = (await inject("POST", "/simulator/control/tokens", { wabaId: phone?.wabaId })).json()
        .accessToken;
      await inject("POST", `/simulator/graph/v23.0/${phone?.wabaId}/subscribed_apps`, {}, token);
      await inject(
        "POST",
        `/simulator/graph/v23.0/${phoneId}/register`,
        { messaging_product: "whatsapp", pin: "123456" },
        token,
      );
      browser = await launchBrowser();
      page = await browser.newPage();
      await page.goto(`${origin}/simulator/phone`);
      await page.getByLabel("Numéro de l'entreprise").selectOption(phoneId);
      await page.getByLabel("Candidat", { exact: true }).selectOption("212612345678");
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await sim?.close();
      await receiver?.stop();
    });

    it("the candidate writes; the product receives a signed text webhook", async () => {
      await page.getByLabel("Message", { exact: true }).fill("Bonjour, je suis intéressé par le poste");
      await page.getByRole("button", { name: "Envoyer" }).click();
      const message = await waitFor(() => lastMessage());
      expect(message).toMatchObject({
        from: "212612345678",
        type: "text",
        text: { body: "Bonjour, je suis intéressé par le poste" },
      });
      expect(receiver.received.every((w) => w.signatureValid)).toBe(true);
    });

    it("the business writes from its WhatsApp Business app: the phone shows it, the product gets smb_message_echoes", async () => {
      await page
        .getByLabel("Message de l’entreprise au candidat")
        .fill("Envoyé depuis le téléphone du recruteur");
      await page.getByRole("button", { name: "Écrire depuis l’app" }).click();
      const echo = await waitFor(() =>
        receiver
          .values("smb_message_echoes")
          .flatMap((v) => (v.message_echoes as Record<string, unknown>[] | undefined) ?? [])
          .at(-1),
      );
      expect(echo).toMatchObject({
        to: "212612345678",
        type: "text",
        text: { body: "Envoyé depuis le téléphone du recruteur" },
      });
      await page.locator(".bubble.out", { hasText: "Envoyé depuis le téléphone du recruteur" }).waitFor();
    });

    it("shows the recruiter's buttons and sends the tapped reply with its context", async () => {
      const sent = await graphPost(`/${phoneId}/messages`, {
        messaging_product: "whatsapp",
        to: "+212612345678",
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: "Êtes-vous disponible mardi pour un entretien ?" },
          action: {
            buttons: [
              { type: "reply", reply: { id: "slot_tue", title: "Oui, mardi" } },
              { type: "reply", reply: { id: "slot_no", title: "Non" } },
            ],
          },
        },
      });
      const wamid = String(sent.messages?.[0]?.id);
      await page.getByRole("button", { name: "Oui, mardi" }).click();
      const reply = await waitFor(() => {
        const m = lastMessage();
        return m?.type === "interactive" ? m : undefined;
      });
      expect(reply).toMatchObject({
        context: { id: wamid },
        interactive: { type: "button_reply", button_reply: { id: "slot_tue", title: "Oui, mardi" } },
      });
    });

    it("STOP reaches the product and stops marketing templates (131050)", async () => {
      await page.getByRole("button", { name: "STOP" }).click();
      await waitFor(() => (lastMessage() as { text?: { body: string } } | undefined)?.text?.body === "STOP");
      const marketing = await graphPost(`/${phoneId}/messages`, {
        messaging_product: "whatsapp",
        to: "+212612345678",
        type: "template",
        template: {
          name: "job_opportunity",
          language: { code: "fr" },
          components: [
            {
              type: "body",
              parameters: ["Youssef", "soudeur", "Kénitra"].map((text) => ({ type: "text", text })),
            },
          ],
        },
      });
      const wamid = String(marketing.messages?.[0]?.id);
      const failed = await waitFor(() =>
        receiver.statuses().find((s) => s.id === wamid && s.status === "failed"),
      );
      expect(failed).toMatchObject({ errors: [{ code: 131050 }] });
    });
  },
);
