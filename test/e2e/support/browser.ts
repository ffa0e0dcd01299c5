import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
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
