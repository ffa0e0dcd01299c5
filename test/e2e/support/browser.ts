import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium; CHROMIUM_PATH overrides it. Tests never download a browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Why browser tests are skipped on this machine, or null when Chromium is there. CI installs it. */
export const browserSkipReason: string | null = existsSync(chromiumPath)
  ? null
  : `no Chromium at ${chromiumPath} (install Debian's chromium package or set CHROMIUM_PATH)`;

/** Launches headless Chromium with the flags that keep it off the network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
}
