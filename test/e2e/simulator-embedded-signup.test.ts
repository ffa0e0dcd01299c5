import type { AddressInfo } from "node:net";
import helmet from "@fastify/helmet";
import Fastify, { type FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimulator, type Simulator } from "../../src/simulator/index";
import { browserSkipReason, clickAndClose, launchBrowser } from "./support/browser";

const APP_ID = "742315198836001";
const APP_SECRET = "e2e-app-secret";

let browser: Browser;
let app: FastifyInstance;
let sim: Simulator;
let origin = "";

const graph = async (path: string) => {
  const res = await fetch(`${origin}/simulator/graph${path}`);
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & {
      error?: { code: number; error_subcode?: number };
    },
  };
};

interface LoginResult {
  events: { type: string; event: string; data: Record<string, unknown>; version: number }[];
  callback: { status: string; authResponse: { code: string } | null } | null;
}
const readResult = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { simEvents: unknown[]; simCallback: unknown };
    return { events: w.simEvents, callback: w.simCallback } as LoginResult;
  });

/** Opens the playground (the product's "Connect WhatsApp" stand-in) and clicks through to the popup. */
async function openDialog(): Promise<{ page: Page; popup: Page }> {
  const page = await browser.newPage();
  await page.goto(`${origin}/simulator/demo/login`);
  const [popup] = await Promise.all([
    page.waitForEvent("popup"),
    page.getByRole("button", { name: "Connect WhatsApp" }).click(),
  ]);
  await popup.waitForLoadState();
  await popup.getByRole("button", { name: /Continuer en tant que Salma/ }).click();
  return { page, popup };
}

describe.skipIf(browserSkipReason)(
  `Embedded Signup dialog in Chromium${browserSkipReason ? ` (skipped: ${browserSkipReason})` : ""}`,
  () => {
    beforeAll(async () => {
      sim = createSimulator({ appId: APP_ID, appSecret: APP_SECRET });
      app = Fastify();
      // Mounted like the sandbox: under the product's default Content-Security-Policy and COOP headers.
      await app.register(helmet);
      await app.register(sim.plugin, { prefix: "/simulator" });
      await app.listen({ port: 0, host: "127.0.0.1" });
      origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await app?.close();
      await sim?.close();
    });

    it("finishes: FINISH event and code reach the opener, the code becomes a token scoped to the chosen WABA", async () => {
      const { page, popup } = await openDialog();
      await popup.getByLabel(/LinkoJob Démo Recrutement/).check();
      await popup.getByRole("button", { name: "Suivant" }).click();
      await popup.getByRole("heading", { name: /compte WhatsApp Business/ }).waitFor();
      await popup.getByLabel(/^LinkoJob Démo/).check();
      await popup.getByRole("button", { name: "Suivant" }).click();
      await popup.getByLabel(/\+212 6 61 23 45 67/).check();
      await popup.getByRole("button", { name: "Suivant" }).click();
      expect(await popup.getByLabel("Nom affiché").inputValue()).toBe("LinkoJob Démo");
      await popup.getByRole("button", { name: "Suivant" }).click();
      await popup.getByRole("button", { name: "Confirmer" }).click();
      await popup.getByRole("heading", { name: "Compte connecté" }).waitFor();
      await clickAndClose(popup, "Terminer");

      await page.waitForFunction(() => (window as unknown as { simCallback: unknown }).simCallback !== null);
      const { events, callback } = await readResult(page);
      const waba = sim.state.wabas.find((w) => w.name === "LinkoJob Démo");
      const phone = sim.state.phoneNumbers.find((p) => p.displayPhoneNumber === "+212 6 61 23 45 67");
      expect(events).toEqual([
        {
          type: "WA_EMBEDDED_SIGNUP",
          event: "FINISH",
          data: {
            phone_number_id: phone?.id,
            waba_id: waba?.id,
            business_id: waba?.businessId,
            ad_account_ids: [],
            page_ids: [],
            dataset_ids: [],
          },
          version: 3,
        },
      ]);
      expect(callback?.status).toBe("connected");
      const code = String(callback?.authResponse?.code);

      const exchanged = await graph(
        `/v23.0/oauth/access_token?client_id=${APP_ID}&client_secret=${APP_SECRET}&code=${encodeURIComponent(code)}`,
      );
      expect(exchanged.status).toBe(200);
      expect(exchanged.body.token_type).toBe("bearer");
      const token = String(exchanged.body.access_token);
      const debug = await graph(
        `/v23.0/debug_token?input_token=${token}&access_token=${APP_ID}|${APP_SECRET}`,
      );
      expect(debug.body.data).toMatchObject({
        app_id: APP_ID,
        type: "SYSTEM_USER",
        is_valid: true,
        expires_at: 0,
        granular_scopes: expect.arrayContaining([
          { scope: "whatsapp_business_management", target_ids: [waba?.id] },
          { scope: "whatsapp_business_messaging", target_ids: [waba?.id] },
        ]),
      });
      const again = await graph(
        `/v23.0/oauth/access_token?client_id=${APP_ID}&client_secret=${APP_SECRET}&code=${encodeURIComponent(code)}`,
      );
      expect(again.body.error).toMatchObject({ code: 100, error_subcode: 36009 });
      await page.close();
    });

    it("cancels: CANCEL with current_step, and the callback has no authResponse", async () => {
      const { page, popup } = await openDialog();
      await popup.getByRole("button", { name: "Suivant" }).click();
      await popup.getByRole("heading", { name: /compte WhatsApp Business/ }).waitFor();
      await clickAndClose(popup, "Annuler");
      await page.waitForFunction(() => (window as unknown as { simCallback: unknown }).simCallback !== null);
      const { events, callback } = await readResult(page);
      expect(events).toEqual([
        {
          type: "WA_EMBEDDED_SIGNUP",
          event: "CANCEL",
          data: { current_step: "WABA_PHONE_PROFILE_PICKER" },
          version: 3,
        },
      ]);
      expect(callback).toEqual({ status: "unknown", authResponse: null });
      await page.close();
    });

    it("shares only a WhatsApp account: number screens skipped, FINISH_ONLY_WABA without phone_number_id", async () => {
      const page = await browser.newPage();
      await page.goto(`${origin}/simulator/demo/login`);
      await page.getByLabel(/Only share a WhatsApp account/).check();
      const [popup] = await Promise.all([
        page.waitForEvent("popup"),
        page.getByRole("button", { name: "Connect WhatsApp" }).click(),
      ]);
      await popup.getByRole("button", { name: /Continuer en tant que Salma/ }).click();
      await popup.getByRole("button", { name: "Suivant" }).click();
      await popup.getByRole("heading", { name: /compte WhatsApp Business/ }).waitFor();
      await popup.getByRole("button", { name: "Suivant" }).click();
      await popup.getByRole("button", { name: "Confirmer" }).click();
      await clickAndClose(popup, "Terminer");
      await page.waitForFunction(() => (window as unknown as { simCallback: unknown }).simCallback !== null);
      const { events, callback } = await readResult(page);
      expect(events.map((e) => e.event)).toEqual(["FINISH_ONLY_WABA"]);
      expect(events[0]?.data).not.toHaveProperty("phone_number_id");
      expect(callback?.status).toBe("connected");
      await page.close();
    });

    it("onboards a WhatsApp Business app number: no profile screen, FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING, the number usable without registration", async () => {
      const page = await browser.newPage();
      await page.goto(`${origin}/simulator/demo/login`);
      await page.getByLabel(/A number of the WhatsApp Business app/).check();
      const [popup] = await Promise.all([
        page.waitForEvent("popup"),
        page.getByRole("button", { name: "Connect WhatsApp" }).click(),
      ]);
      await popup.getByRole("button", { name: /Continuer en tant que Salma/ }).click();
      await popup.getByLabel(/LinkoJob Démo Recrutement/).check();
      await popup.getByRole("button", { name: "Suivant" }).click();
      await popup.getByLabel(/^LinkoJob Démo/).check();
      await popup.getByRole("button", { name: "Suivant" }).click();
      await popup.getByLabel(/\+212 6 61 23 45 67/).check();
      await popup.getByRole("button", { name: "Suivant" }).click();
      // No display name screen: the app keeps its own profile.
      await popup.getByRole("button", { name: "Confirmer" }).click();
      await clickAndClose(popup, "Terminer");
      await page.waitForFunction(() => (window as unknown as { simCallback: unknown }).simCallback !== null);
      const { events } = await readResult(page);
      expect(events.map((e) => e.event)).toEqual(["FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING"]);
      const phone = sim.state.phoneNumbers.find((p) => p.displayPhoneNumber === "+212 6 61 23 45 67");
      expect(events[0]?.data.phone_number_id).toBe(phone?.id);
      expect(phone).toMatchObject({ onBusinessApp: true, registered: true, registrationAttempts: [] });
      await page.close();
    });

    it("reports a blocked portfolio as CANCEL with error_message and error_id", async () => {
      const { page, popup } = await openDialog();
      await popup.getByLabel(/Sahara Intérim/).check();
      await popup.getByRole("button", { name: "Suivant" }).click();
      await popup.getByRole("heading", { name: "Impossible de continuer" }).waitFor();
      await clickAndClose(popup, "Fermer");
      await page.waitForFunction(() => (window as unknown as { simCallback: unknown }).simCallback !== null);
      const { events } = await readResult(page);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        event: "CANCEL",
        data: { error_id: "524126", session_id: expect.any(String) },
      });
      expect(String(events[0]?.data.error_message)).toContain("restreint");
      await page.close();
    });

    it("redirect dialog: new account and number, back to redirect_uri with code and state", async () => {
      const page = await browser.newPage();
      const redirectUri = `${origin}/simulator/`;
      const query = new URLSearchParams({
        client_id: APP_ID,
        redirect_uri: redirectUri,
        state: "csrf-123",
        response_type: "code",
        config_id: "cfg",
      });
      await page.goto(`${origin}/simulator/facebook/v23.0/dialog/oauth?${query}`);
      await page.getByRole("button", { name: /Continuer en tant que/ }).click();
      await page.getByLabel(/Atlas Talents SARL/).check();
      await page.getByRole("button", { name: "Suivant" }).click();
      await page.getByLabel(/Créer un compte WhatsApp Business/).check();
      await page.getByLabel("Nom du nouveau compte").fill("Atlas Recrutement Tanger");
      await page.getByRole("button", { name: "Suivant" }).click();
      await page.getByLabel("Numéro à ajouter").fill("+212 6 99 88 77 66");
      await page.getByRole("button", { name: "Suivant" }).click();
      await page.getByLabel("Code de vérification").fill("000000");
      await page.getByRole("button", { name: "Suivant" }).click();
      await page.getByRole("alert").filter({ hasText: "Ce code est incorrect." }).waitFor();
      await page.getByLabel("Code de vérification").fill("123456");
      await page.getByRole("button", { name: "Suivant" }).click();
      await page.getByLabel("Nom affiché").fill("Atlas Tanger");
      await page.getByRole("button", { name: "Suivant" }).click();
      await page.getByRole("button", { name: "Confirmer" }).click();
      await page.getByRole("button", { name: "Terminer" }).click();
      await page.waitForURL(/code=/);
      const url = new URL(page.url());
      expect(url.searchParams.get("state")).toBe("csrf-123");
      const code = encodeURIComponent(String(url.searchParams.get("code")));
      const base = `/v23.0/oauth/access_token?client_id=${APP_ID}&client_secret=${APP_SECRET}&code=${code}`;
      expect((await graph(base)).body.error).toMatchObject({ code: 100, error_subcode: 36008 });
      const ok = await graph(`${base}&redirect_uri=${encodeURIComponent(redirectUri)}`);
      const numbers = await graph(
        `/v23.0/${sim.state.wabas.find((w) => w.name === "Atlas Recrutement Tanger")?.id}/phone_numbers?access_token=${ok.body.access_token}`,
      );
      expect(numbers.body.data).toEqual([
        expect.objectContaining({
          display_phone_number: "+212 6 99 88 77 66",
          verified_name: "Atlas Tanger",
        }),
      ]);
      await page.close();
    });

    it("speaks Arabic right to left with locale=ar_AR, and English when the Facebook user's language is", async () => {
      const page = await browser.newPage();
      const query = (locale?: string) =>
        new URLSearchParams({
          client_id: APP_ID,
          redirect_uri: `${origin}/simulator/`,
          state: "s",
          response_type: "code",
          ...(locale ? { locale } : {}),
        });
      await page.goto(`${origin}/simulator/facebook/v23.0/dialog/oauth?${query("ar_AR")}`);
      expect(
        await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
      ).toEqual(["ar", "rtl"]);
      await page.getByRole("heading", { name: /تسجيل الدخول إلى/ }).waitFor();
      await page.getByRole("button", { name: /المتابعة باسم Salma/ }).click();
      await page.getByRole("heading", { name: "اختر حافظة أعمالك" }).waitFor();
      await page.getByLabel(/Atlas Talents SARL/).check();
      await page.getByRole("button", { name: "التالي" }).click();
      await page.getByLabel(/إنشاء حساب واتساب للأعمال/).check();
      await page.getByLabel("اسم الحساب الجديد").fill("Atlas Rabat");
      await page.getByRole("button", { name: "التالي" }).click();
      await page.getByLabel("الرقم المراد إضافته").fill("+212 6 99 88 77 55");
      await page.getByRole("button", { name: "التالي" }).click();
      await page.getByLabel("رمز التحقق").fill("000000");
      await page.getByRole("button", { name: "التالي" }).click();
      await page.getByRole("alert").filter({ hasText: "هذا الرمز غير صحيح." }).waitFor();
      // The number stays left to right inside the Arabic sentence.
      expect(await page.getByLabel("رمز التحقق").getAttribute("dir")).toBe("ltr");

      const setUser = await fetch(`${origin}/simulator/control/facebook-user`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ locale: "en_US" }),
      });
      expect(setUser.status).toBe(200);
      await page.goto(`${origin}/simulator/facebook/v23.0/dialog/oauth?${query()}`);
      expect(
        await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
      ).toEqual(["en", "ltr"]);
      await page.getByRole("button", { name: /Continue as Salma/ }).click();
      await page.getByRole("heading", { name: "Choose your business portfolio" }).waitFor();
      await page.getByRole("button", { name: "Cancel" }).waitFor();
      await fetch(`${origin}/simulator/control/facebook-user`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ locale: "fr_FR" }),
      });
      await page.close();
    });
  },
);
