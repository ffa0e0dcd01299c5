import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { demoAccount } from "../../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../../support/app-server";
import { type Caller, loginAs } from "../../support/factories";
import { PATIENCE_MS } from "../../support/waiting";

/** Debian's Chromium; CHROMIUM_PATH overrides it. Tests never download a browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Why browser tests are skipped on this machine, or null when Chromium is there. CI installs it. */
export const browserSkipReason: string | null = existsSync(chromiumPath)
  ? null
  : `no Chromium at ${chromiumPath} (install Debian's chromium package or set CHROMIUM_PATH)`;

/**
 * Launches headless Chromium with the flags that keep it off the network. Its pages (every
 * context, and `newPage`'s own) wait as patiently as the other tests: Playwright's default, 30 s
 * per wait or navigation, is short of what a loaded 2-core machine can take to load the dashboard.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(PATIENCE_MS);
    context.setDefaultNavigationTimeout(PATIENCE_MS);
    return context;
  };
  return browser;
}

/** Clicks a button that closes its own window; the click may then report the page gone, which is the point. */
export async function clickAndClose(popup: Page, button: string): Promise<void> {
  const closed = popup.waitForEvent("close");
  await popup
    .getByRole("button", { name: button })
    .click()
    .catch((error: unknown) => {
      if (!popup.isClosed()) throw error;
    });
  await closed;
}

/** Logs in through the login page (French labels), landing on `path`. */
export async function loginThroughPage(
  page: Page,
  appUrl: string,
  path: string,
  account: { email: string; password: string },
): Promise<void> {
  await page.goto(`${appUrl}${path}`);
  await page.getByLabel("Adresse e-mail").fill(account.email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(`${appUrl}${path}`);
}

/** A browser logged in as the demo client's owner on `path`, beside the API session of the same owner. */
export interface OwnerDashboard {
  app: AppServer;
  session: Caller;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Starts the sandbox app and opens its dashboard as the demo owner (French unless told). */
export async function openAsOwner(
  path: string,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<OwnerDashboard> {
  const app = await startAppServer();
  const session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
  const browser = await launchBrowser();
  const context = await browser.newContext({
    locale: options.locale ?? "fr-FR",
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  await loginThroughPage(page, app.url, path, demoAccount.owner);
  return {
    app,
    session,
    browser,
    page,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}
