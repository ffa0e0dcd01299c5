import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { eventually, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

const CANDIDATE = "212655443322";

// An admin answers a candidate's data request from the inbox: downloads their file, then erases
// them after typing the confirmation word; the retention is set in the settings.
describe.skipIf(browserSkipReason)("dashboard: a candidate's data rights", () => {
  let app: AppServer;
  let session: Caller;
  let browser: Browser;
  let page: Page;
  let conversationId: string;

  beforeAll(async () => {
    app = await startAppServer();
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca");
    const inbound = await app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: {
        phoneNumberId: connection.phoneNumberId,
        from: CANDIDATE,
        profileName: "Hind Berrada",
        type: "text",
        text: { body: "Merci de supprimer mes données" },
      },
    });
    expect(inbound.statusCode, inbound.body).toBeLessThan(300);
    conversationId = await eventually(async () => {
      const list = (await session.get("/api/conversations")).json() as {
        conversations: { id: string; contact: { waId: string } }[];
      };
      return list.conversations.find((c) => c.contact.waId === CANDIDATE)?.id;
    });

    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await loginThroughPage(page, app.url, "/inbox", demoAccount.owner);
  }, TEST_BUDGET_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "exports the candidate's file, then erases them once the word is typed",
    async () => {
      await page.goto(`${app.url}/inbox/${conversationId}`);
      const details = page.getByRole("complementary", { name: "Détails" });
      // The panel may open by itself (it is loaded on demand): open it only if its button says it is shut.
      const toggle = page.getByRole("button", { name: "Détails du candidat" });
      await toggle.waitFor();
      if ((await toggle.getAttribute("aria-pressed")) !== "true") await toggle.click();
      const section = details.getByRole("region", { name: "Données du candidat" });
      await section.waitFor();

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        section.getByRole("link", { name: "Exporter ses données" }).click(),
      ]);
      const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
      const exported = JSON.parse(Buffer.from(files["candidate.json"]!).toString("utf8"));
      expect(exported.contact.waId).toBe(CANDIDATE);
      expect(exported.messages.map((m: { text: string }) => m.text)).toContain(
        "Merci de supprimer mes données",
      );

      await section.getByRole("button", { name: "Effacer le candidat" }).click();
      const dialog = page.getByRole("alertdialog", { name: "Effacer ce candidat\u00a0?" });
      const confirm = dialog.getByRole("button", { name: "Effacer définitivement" });
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByLabel(/Saisissez/).fill("ERASE");
      await confirm.click();
      await page.waitForURL(`${app.url}/inbox`);
      await expect
        .poll(() => page.getByRole("navigation", { name: "Conversations" }).getByText("Hind Berrada").count())
        .toBe(0);
      expect((await session.get(`/api/conversations/${conversationId}`)).statusCode).toBe(404);
    },
    TEST_BUDGET_MS,
  );

  it(
    "sets the client's retention in the settings",
    async () => {
      await page.goto(`${app.url}/settings`);
      const section = page.getByRole("region", { name: "Conservation des données" });
      await section.getByLabel("Conversations inactives (mois)").fill("24");
      await section.getByLabel("Fichiers et médias (mois)").fill("6");
      await section.getByRole("button", { name: "Enregistrer" }).click();
      await section.getByText("Modifications enregistrées").waitFor();
      expect((await session.get("/api/data-rights/retention")).json()).toEqual({
        conversationMonths: 24,
        mediaMonths: 6,
      });
    },
    TEST_BUDGET_MS,
  );
});
