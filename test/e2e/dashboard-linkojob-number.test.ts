import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TemplateResponse } from "../../src/contracts/templates";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { templateNamePrefixOf } from "../../src/server/modules/templates/template-names";
import { createLogger } from "../../src/server/platform/logger";
import { connectSandboxLinkojobNumbers } from "../../src/server/sandbox-linkojob-numbers";
import { type AppServer, startAppServer } from "../support/app-server";
import { eventually, simulatorControl } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

const OPERATOR_KEY = `ljop_${"e".repeat(40)}`;
const POOL_NUMBER = "+212 5 20 00 00 01";
const LIVE = 30_000;
/** Set to a folder to save the page's screenshots there (French and Arabic). */
const screenshotDir = process.env.LJ_SCREENSHOT_DIR;

// The sandbox newcomer who has no WhatsApp number of its own: on Connections it picks "a LinkoJob
// number" rather than Meta's Embedded Signup, gets a working number at once (its display name under
// Meta's review), and sends a template from it; the same page in Arabic reads right to left.
describe.skipIf(browserSkipReason)("dashboard: a LinkoJob number instead of one's own", () => {
  let app: AppServer;
  let browser: Browser;
  let page: Page;
  let session: Caller;
  const control = () => simulatorControl(app.app);

  async function shoot(name: string) {
    if (!screenshotDir) return;
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, name) });
  }

  beforeAll(async () => {
    app = await startAppServer({ OPERATOR_API_KEY: OPERATOR_KEY });
    // As the sandbox does at start: LinkoJob's WABA (the simulator's) connected once, its numbers lent.
    await connectSandboxLinkojobNumbers(app.app.server, OPERATOR_KEY, createLogger("silent"));
    // Meta's reviews wait for a decision here: the display name stays under review while it is read.
    await control()("templates/review-delay", { ms: null });
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await loginThroughPage(page, app.url, "/connections", demoAccount.owner);
  }, TEST_BUDGET_MS);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  let connectionId: string;

  it(
    "offers the choice, and a LinkoJob number is a working connection at once, its display name under review",
    async () => {
      const choice = page.getByRole("region", { name: "Connectez WhatsApp pour commencer" });
      await choice.waitFor();
      await choice.getByRole("heading", { name: "Mon propre numéro", level: 3 }).waitFor();
      const linkojob = choice.getByRole("article", { name: "Un numéro LinkoJob" });
      // Meta's Embedded Signup stays one click away; the LinkoJob number says what it costs.
      await choice.getByRole("button", { name: "Connecter WhatsApp", exact: true }).waitFor();
      expect((await linkojob.textContent())?.replace(/[\s\u2066-\u2069]/g, "")).toContain("10,50MADparmois");

      await shoot("connections-choice-fr.png");
      await linkojob.getByRole("button", { name: "Obtenir un numéro LinkoJob" }).click();
      const dialog = page.getByRole("dialog", { name: "Obtenir un numéro LinkoJob" });
      const name = dialog.getByLabel("Nom affiché aux candidats");
      expect(await name.inputValue()).toBe(demoAccount.clientName);
      await name.fill("Ab");
      await dialog.getByRole("button", { name: "Obtenir ce numéro" }).click();
      await dialog.getByText("Saisissez un nom de 3 à 100 caractères.").waitFor();
      await name.fill("Atlas Recrutement");
      await shoot("connections-linkojob-dialog-fr.png");
      await dialog.getByRole("button", { name: "Obtenir ce numéro" }).click();
      await dialog.waitFor({ state: "detached" });

      const card = page.getByRole("article", { name: POOL_NUMBER });
      await card.locator(".connection__state", { hasText: "Actif" }).waitFor({ timeout: LIVE });
      await page.getByRole("status").filter({ hasText: "est à vous" }).waitFor();
      expect(await card.textContent()).toContain("Numéro LinkoJob");
      expect(await card.locator(".connection__review").textContent()).toMatch(
        /Nom affiché «\u202f\u2068Atlas Recrutement\u2069\u202f» en cours de vérification par Meta/,
      );
      // A LinkoJob number is given back, not disconnected from Meta nor reconnected through it.
      await card.getByRole("button", { name: /Rendre à LinkoJob/ }).waitFor();
      expect(await card.getByRole("button", { name: /Reconnecter/ }).count()).toBe(0);
      // One per client: the next one is LinkoJob's to lend.
      await page.getByText("Vous avez déjà un numéro LinkoJob").waitFor();
      await shoot("connections-linkojob-fr.png");

      const connections = (await session.get("/api/connections")).json().connections as {
        id: string;
        numberKind: string;
        state: string;
        requestedName: string | null;
      }[];
      expect(connections).toEqual([
        expect.objectContaining({
          numberKind: "linkojob",
          state: "active",
          requestedName: "Atlas Recrutement",
        }),
      ]);
      connectionId = connections[0]!.id;
    },
    TEST_BUDGET_MS,
  );

  it(
    "sends a template from it to a new candidate",
    async () => {
      // The client's own template on the number (LinkoJob's WABA's own are not the client's), approved by Meta.
      const created = await session.post("/api/templates", {
        connectionId,
        name: "entretien_atlas",
        category: "UTILITY",
        parameterFormat: "NAMED",
        translations: [
          {
            language: "fr",
            header: null,
            body: {
              text: "Bonjour {{first_name}}, Atlas Recrutement vous propose un entretien cette semaine.",
              examples: { first_name: "Salma" },
            },
            footer: null,
            buttons: [],
          },
        ],
      });
      expect(created.statusCode, created.body).toBe(201);
      const [template] = created.json().templates as TemplateResponse[];
      const decided = await control()(`templates/${template!.metaTemplateId}/decision`, {
        status: "APPROVED",
      });
      expect(decided.statusCode, decided.body).toBe(200);
      await eventually(
        async () =>
          ((await session.get(`/api/templates/${template!.id}`)).json() as TemplateResponse).status ===
          "APPROVED",
      );

      await page.goto(`${app.url}/inbox`);
      await page.getByRole("button", { name: "Nouvelle conversation" }).click();
      const dialog = page.getByRole("dialog", { name: "Nouvelle conversation" });
      await dialog.getByLabel("Numéro du candidat").fill("06 12 34 56 78");
      await dialog.getByLabel("Nom du candidat").fill("Salma Idrissi");
      await dialog.getByLabel("Langue", { exact: true }).selectOption("fr");
      await dialog.getByRole("button", { name: /Entretien atlas/ }).click();
      expect(await dialog.getByLabel(/^Prénom \(ex\./).inputValue()).toBe("Salma");
      await dialog.getByRole("button", { name: "Envoyer le modèle" }).click();
      await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
      const sent = page.getByRole("feed").locator("article", { hasText: "entretien_atlas" });
      await sent.getByText(/— (Envoyé|Distribué|Lu)$/).waitFor({ timeout: LIVE });

      // Meta was asked, from LinkoJob's number, for the client's template under the client's prefix.
      const world = (await control()("state")).json() as {
        wabas: { phoneNumbers: { id: string; displayPhoneNumber: string }[] }[];
      };
      const phone = world.wabas
        .flatMap((w) => w.phoneNumbers)
        .find((p) => p.displayPhoneNumber === POOL_NUMBER)!;
      const log = (await control()(`sent?phoneNumberId=${phone.id}`)).json().sent as {
        body: { template?: { name: string } };
      }[];
      const clientId = (await session.get("/api/auth/session")).json().client.id as string;
      expect(log.map((s) => s.body.template?.name)).toEqual([
        `${templateNamePrefixOf(clientId)}entretien_atlas`,
      ]);
    },
    TEST_BUDGET_MS,
  );

  it(
    "reads right to left in Arabic, the number's card and its review too",
    async () => {
      await page.goto(`${app.url}/connections`);
      await page.getByRole("button", { name: "Langue" }).click();
      await page.getByRole("button", { name: "العربية" }).click();
      await page.waitForFunction(() => document.documentElement.dir === "rtl");
      const card = page.getByRole("article", { name: POOL_NUMBER });
      await card.getByText("رقم من LinkoJob").waitFor();
      expect(await card.locator(".connection__review").textContent()).toContain("قيد المراجعة لدى Meta");
      await card.getByRole("button", { name: /إرجاعه إلى LinkoJob/ }).waitFor();
      // The number reads left to right inside the right-to-left page.
      expect(await card.getByRole("heading", { level: 2 }).locator("bdi").getAttribute("dir")).toBe("ltr");
      await shoot("connections-linkojob-ar.png");
    },
    TEST_BUDGET_MS,
  );
});
