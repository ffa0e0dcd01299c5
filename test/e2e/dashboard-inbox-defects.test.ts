import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber, eventually } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";

const LIVE = PATIENCE_MS;
/** Layout settles within frames: a wait for it is short, so a defect fails fast. */
const SETTLED = { timeout: 20_000 };
const TEST_TIMEOUT = TEST_BUDGET_MS;

const LONG_A = "212600000101";
const LONG_B = "212600000102";
const MIXED = "212600000103";
const MEDIA = "212600000104";

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

const inside = (inner: Box, outer: Box, slack = 0.5): boolean =>
  inner.x >= outer.x - slack &&
  inner.y >= outer.y - slack &&
  inner.x + inner.width <= outer.x + outer.width + slack &&
  inner.y + inner.height <= outer.y + outer.height + slack;

// The defects a recruiter hits first in the inbox (issue 16), each measured in the browser: where a
// chat opens, the message menu, the ⌄ button, the new-conversation dialog, text direction, the
// campaigns template field, voice notes that cannot play, and the small ones.
describe.skipIf(browserSkipReason)("dashboard: inbox defects", () => {
  let app: AppServer;
  let session: Caller;
  let phoneNumberId: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  async function inbound(body: Record<string, unknown>) {
    const response = await app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: { phoneNumberId, ...body },
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
  }

  /** The conversation with this candidate, once its history holds `count` messages. */
  async function conversationWith(waId: string, count: number): Promise<string> {
    let id = "";
    await eventually(async () => {
      const list = (await session.get(`/api/conversations?q=${waId}`)).json() as {
        conversations: { id: string }[];
      };
      id = list.conversations[0]?.id ?? "";
      if (!id) return false;
      const history = (await session.get(`/api/messages/${id}?limit=100`)).json() as { messages: unknown[] };
      return history.messages.length >= count;
    });
    return id;
  }

  const row = (target: Page, name: string | RegExp): Locator =>
    target.getByRole("navigation", { name: /Conversations|المحادثات/ }).getByRole("link", { name });
  const feed = (target: Page): Locator => target.getByRole("feed");
  const bubble = (target: Page, text: string): Locator => feed(target).locator("article", { hasText: text });

  /** How far the history is from its bottom, once the layout has settled (two frames). */
  const distanceFromBottom = (target: Page): Promise<number> =>
    feed(target).evaluate(
      (element) =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() =>
              resolve(element.scrollHeight - element.scrollTop - element.clientHeight),
            ),
          ),
        ),
    );

  /** Whether the feed's last message is drawn inside the feed's visible area. */
  const lastMessageVisible = (target: Page): Promise<boolean> =>
    feed(target).evaluate((element) => {
      const articles = element.querySelectorAll("article");
      const last = articles[articles.length - 1];
      if (!last) return false;
      const box = last.getBoundingClientRect();
      const view = element.getBoundingClientRect();
      return box.bottom <= view.bottom + 1 && box.bottom > view.top;
    });

  /**
   * In the page, from the chat's messages response arriving (its resource timing) to its latest
   * message drawn at the bottom of the feed, checked every frame. Start it before opening the chat.
   * A measurement, not a bound: BENCHMARKS.md records it (a loaded machine would make a bound noise).
   */
  const latestShownAfterData = (target: Page, latestText: string): Promise<number> =>
    target.evaluate(
      (text) =>
        new Promise<number>((resolve) => {
          performance.clearResourceTimings();
          const check = () => {
            const response = performance
              .getEntriesByType("resource")
              .find((entry) => /\/api\/messages\/[0-9a-f-]{36}\?/.test(entry.name)) as
              | PerformanceResourceTiming
              | undefined;
            const history = document.querySelector('[role="feed"]');
            const articles = history?.querySelectorAll("article");
            const last = articles?.[articles.length - 1];
            if (response && response.responseEnd > 0 && history && last?.textContent?.includes(text)) {
              const box = last.getBoundingClientRect();
              const view = history.getBoundingClientRect();
              if (box.bottom <= view.bottom + 1 && box.bottom > view.top) {
                resolve(performance.now() - response.responseEnd);
                return;
              }
            }
            requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
      latestText,
    );

  async function expectAtLatest(target: Page) {
    await expect.poll(() => distanceFromBottom(target), SETTLED).toBeLessThan(2);
    expect(await lastMessageVisible(target)).toBe(true);
  }

  beforeAll(async () => {
    app = await startAppServer();
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca");
    expect(connection.state).toBe("active");
    phoneNumberId = connection.phoneNumberId as string;
    const sync = await session.post("/api/templates/sync", { connectionId: connection.id });
    expect(sync.statusCode, sync.body).toBe(200);

    // Two long chats of tall messages (far taller than any estimate), a mixed-script one, one with files.
    const paragraph = (i: number) =>
      `Message ${i} : je reprends mon parcours.\nExpérience en logistique.\nPermis B.\nDisponible dès lundi.\nMerci.`;
    for (let i = 1; i <= 14; i += 1) {
      await inbound({
        from: LONG_A,
        profileName: "Hamza Alaoui",
        type: "text",
        text: { body: paragraph(i) },
      });
      await inbound({ from: LONG_B, profileName: "Sara Bennis", type: "text", text: { body: paragraph(i) } });
    }
    await inbound({
      from: MIXED,
      profileName: "Ilham Chraibi",
      type: "text",
      text: { body: "CV : أرسلت سيرتي الذاتية أمس، هل وصلتكم؟" },
    });
    await inbound({
      from: MIXED,
      type: "text",
      text: { body: "Bonjour, je suis disponible pour l’entretien de mardi." },
    });
    await inbound({
      from: MEDIA,
      profileName: "Omar Fassi",
      type: "document",
      document: { filename: "CV_Omar_Fassi_Technicien_Maintenance_2026.pdf", mime_type: "application/pdf" },
    });
    await inbound({ from: MEDIA, type: "audio", audio: {} });
    // Read already: they open at their latest message (unread filling a screen open at the divider).
    for (const waId of [LONG_A, LONG_B]) {
      const id = await conversationWith(waId, 14);
      const read = await session.patch(`/api/conversations/${id}/read`, {});
      expect(read.statusCode, read.body).toBe(200);
    }
    await conversationWith(MIXED, 2);
    await conversationWith(MEDIA, 2);

    browser = await launchBrowser();
    context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1366, height: 800 } });
    page = await context.newPage();
    await loginThroughPage(page, app.url, "/inbox", demoAccount.owner);
    // What is already on the page shows within seconds; waits for the server say so (LIVE).
    page.setDefaultTimeout(30_000);
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "counts unread chats in the tab title, and shows unassigned chats with a person icon, not a spinner",
    async () => {
      await row(page, /^Hamza Alaoui/).waitFor();
      await expect.poll(() => page.title(), SETTLED).toMatch(/^\(2\) /);
      const none = row(page, /^Hamza Alaoui/).locator(".row__assignee--none");
      expect(await none.locator("svg").count()).toBe(1);
      expect(await none.evaluate((element) => getComputedStyle(element).borderStyle)).not.toBe("dashed");
      await row(page, /^Hamza Alaoui/).click();
      const header = page.locator(".assignee-button__none").first();
      expect(await header.locator("svg").count()).toBe(1);
      expect(await header.evaluate((element) => getComputedStyle(element).borderStyle)).not.toBe("dashed");
      await page.goto(`${app.url}/inbox`);
      await row(page, /^Hamza Alaoui/).waitFor();
    },
    TEST_TIMEOUT,
  );

  it(
    "opens, switches and reloads a chat at its latest message, focus in the composer, with a way back to it",
    async () => {
      await row(page, /^Hamza Alaoui/).click();
      await bubble(page, "Message 14").waitFor();
      await expectAtLatest(page);
      const composer = page.getByRole("textbox", { name: "Écrire un message" });
      await expect
        .poll(() => composer.evaluate((element) => element === document.activeElement), SETTLED)
        .toBe(true);

      const shown = latestShownAfterData(page, "Message 14");
      await row(page, /^Sara Bennis/).click();
      await page.getByRole("heading", { name: "Sara Bennis" }).waitFor();
      await bubble(page, "Message 14").waitFor();
      await expectAtLatest(page);
      console.log(
        `chat opened: latest message shown ${(await shown).toFixed(1)} ms after its messages arrived`,
      );

      await page.reload();
      await bubble(page, "Message 14").waitFor();
      await expectAtLatest(page);

      // Scrolled up, a button leads back to the latest message.
      const jump = page.getByRole("button", { name: "Aller au dernier message" });
      expect(await jump.count()).toBe(0);
      await feed(page).evaluate((element) => element.scrollTo({ top: 0 }));
      await jump.click();
      await expectAtLatest(page);
      await jump.waitFor({ state: "detached" });
    },
    TEST_TIMEOUT,
  );

  it(
    "opens the message menu whole, and reacts with a mouse",
    async () => {
      const last = feed(page).locator("article").last();
      await last.locator(".bubble").hover();
      await last.getByRole("button", { name: "Actions du message" }).click();
      const react = page.getByRole("button", { name: "Réagir" });
      await react.waitFor();
      const panel = last.locator(".popover__panel");
      const panelBox = await boxOf(panel);
      const feedBox = await boxOf(feed(page));
      // Every item is drawn, inside the history and the window, not cut by the bubble.
      expect(inside(panelBox, feedBox)).toBe(true);
      for (const name of ["Répondre", "Réagir", "Copier le texte", "Infos"]) {
        const item = await boxOf(page.getByRole("button", { name, exact: true }));
        expect(inside(item, panelBox)).toBe(true);
        const hit = await page.evaluate(
          ({ x, y }) => document.elementFromPoint(x, y)?.closest("button")?.textContent ?? null,
          { x: item.x + item.width / 2, y: item.y + item.height / 2 },
        );
        expect(hit).toContain(name);
      }
      await react.click({ timeout: 5_000 });
      await page.getByRole("button", { name: "👍" }).click({ timeout: 5_000 });
      await last.locator(".reactions", { hasText: "👍" }).waitFor({ timeout: LIVE });
    },
    TEST_TIMEOUT,
  );

  /** The chevron of a message, hidden at rest, and never over its text when shown. */
  /**
   * Where an element is on screen, once it is: a bubble being laid out or scrolled into place has
   * no box for a moment on a loaded machine.
   */
  async function boxOf(element: Locator): Promise<Box> {
    await expect.poll(() => element.boundingBox(), SETTLED).not.toBeNull();
    return (await element.boundingBox()) as Box;
  }

  async function checkChevron(target: Page, message: Locator, textSelector: string) {
    const chevron = message.locator(".bubble__chevron");
    await target.mouse.move(0, 0);
    await expect
      .poll(() => chevron.evaluate((element) => getComputedStyle(element).opacity), SETTLED)
      .toBe("0");
    await message.locator(".bubble").hover();
    await expect
      .poll(() => chevron.evaluate((element) => getComputedStyle(element).opacity), SETTLED)
      .toBe("1");
    const chevronBox = await boxOf(chevron);
    const textBox = await boxOf(message.locator(textSelector).first());
    expect(overlaps(chevronBox, textBox)).toBe(false);
    return chevronBox;
  }

  it(
    "shows the ⌄ only on hover or focus and never over the text; the mic and the PDF card stay clear",
    async () => {
      await row(page, /^Ilham Chraibi/).click();
      const french = bubble(page, "Bonjour, je suis disponible");
      await french.waitFor();
      // Read on opening: one chat less in the tab title.
      await expect.poll(() => page.title(), SETTLED).toMatch(/^\(1\) /);
      await checkChevron(page, french, ".rich-text");
      const arabic = bubble(page, "CV :");
      await checkChevron(page, arabic, ".rich-text");
      // Reached from the keyboard, it shows.
      await french.locator(".bubble__chevron").focus();
      expect(
        await french.locator(".bubble__chevron").evaluate((element) => getComputedStyle(element).opacity),
      ).toBe("1");

      await row(page, /^Omar Fassi/).click();
      const voice = feed(page).locator("article", { has: page.locator(".audio") });
      await voice.waitFor();
      const chevron = await checkChevron(page, voice, ".audio");
      const mic = await boxOf(voice.locator(".audio__mic"));
      expect(overlaps(chevron, mic)).toBe(false);
      const pdf = bubble(page, "CV_Omar_Fassi");
      const card = await boxOf(pdf.locator(".document"));
      expect(inside(card, await boxOf(pdf.locator(".bubble")))).toBe(true);
      await checkChevron(page, pdf, ".document");
    },
    TEST_TIMEOUT,
  );

  it(
    "says when a voice note cannot be played, and offers the download",
    async () => {
      await row(page, /^Omar Fassi/).click();
      const voice = feed(page).locator("article", { has: page.locator(".audio") });
      await voice.getByRole("button", { name: "Lire" }).click();
      await voice.getByText("Impossible de lire ce message vocal ici.").waitFor({ timeout: LIVE });
      expect(await voice.getByRole("link", { name: /^Télécharger/ }).getAttribute("href")).toMatch(
        /^\/api\/media\//,
      );
    },
    TEST_TIMEOUT,
  );

  it(
    "gives text the direction of its first letter, in the list and the bubble; French stays left-aligned in Arabic",
    async () => {
      await row(page, /^Ilham Chraibi/).click();
      const mixed = bubble(page, "CV :").locator(".rich-text");
      await mixed.waitFor();
      expect(await mixed.evaluate((element) => element.matches(":dir(ltr)"))).toBe(true);
      const arabicPreview = row(page, /^Ilham Chraibi/).locator(".row__preview-text");
      expect(await arabicPreview.evaluate((element) => element.matches(":dir(ltr)"))).toBe(true);

      await page.getByRole("button", { name: "Langue" }).click();
      await page.getByRole("button", { name: "العربية" }).click();
      await page.waitForFunction(() => document.documentElement.dir === "rtl");
      try {
        const french = bubble(page, "Bonjour, je suis disponible");
        const text = french.locator(".rich-text");
        expect(await text.evaluate((element) => element.matches(":dir(ltr)"))).toBe(true);
        // The text starts at the bubble's left edge; the bubble stays on the candidate's side (right).
        const start = await text.evaluate((element) => {
          const range = document.createRange();
          range.setStart(element.firstChild as Text, 0);
          range.setEnd(element.firstChild as Text, 1);
          return range.getBoundingClientRect().x;
        });
        const box = await boxOf(french.locator(".bubble"));
        const chat = await boxOf(page.locator(".chat-pane"));
        expect(start - box.x).toBeLessThan(16);
        expect(box.x + box.width > chat.x + chat.width / 2).toBe(true);
        // Time and ticks never sit on the text.
        const meta = await boxOf(french.locator(".bubble__meta"));
        expect(overlaps(meta, await boxOf(text))).toBe(false);
        await checkChevron(page, french, ".rich-text");
      } finally {
        await page.getByRole("button", { name: "اللغة" }).click();
        await page.getByRole("button", { name: "Français" }).click();
        await page.waitForFunction(() => document.documentElement.dir === "ltr");
      }
    },
    TEST_TIMEOUT,
  );

  it(
    "lays the new-conversation dialog out in one scroll area with its buttons in view, templates named humanly",
    async () => {
      await page.getByRole("button", { name: "Nouvelle conversation" }).click();
      const dialog = page.getByRole("dialog", { name: "Nouvelle conversation" });
      await dialog.getByLabel("Nom du candidat").fill("Yassine Berrada");
      await dialog.getByRole("button", { name: /Offre d’emploi · Français/ }).click();
      await dialog.getByLabel(/^Prénom \(ex\./).waitFor();
      const send = await boxOf(dialog.getByRole("button", { name: "Envoyer le modèle" }));
      expect(send.y + send.height).toBeLessThanOrEqual(800);
      const scrollers = await dialog.evaluate((root) => {
        const all = [root, ...root.querySelectorAll("*")];
        return all.filter((element) => {
          const style = getComputedStyle(element);
          return /auto|scroll/.test(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
        }).length;
      });
      expect(scrollers).toBeLessThanOrEqual(1);
      // The three recipient fields sit on one line, their inputs aligned.
      const tops = await dialog
        .locator(".new-conversation__recipient")
        .locator("input, select")
        .evaluateAll((elements) =>
          elements.map((element) => Math.round(element.getBoundingClientRect().top)),
        );
      expect(new Set(tops).size).toBe(1);
      const labels = await dialog.locator(".template-fields label").allTextContents();
      expect(labels.join(" ")).not.toMatch(/Variable|\{\{/);

      // Too short is said as such, not as a missing country code.
      await dialog.getByLabel("Numéro du candidat").fill("06 11 22");
      await dialog.getByLabel(/^Valeur 2 \(ex\./).fill("magasinier");
      await dialog.getByLabel(/^Valeur 3 \(ex\./).fill("Tanger");
      await dialog.getByRole("button", { name: "Envoyer le modèle" }).click();
      await dialog.getByText("Numéro trop court : il manque des chiffres.").waitFor();
      await dialog.getByRole("button", { name: "Annuler" }).click();
    },
    TEST_TIMEOUT,
  );

  it(
    "keeps the campaigns template field inside its card, on a laptop and on a phone",
    async () => {
      await page.goto(`${app.url}/campaigns`);
      const template = page.getByLabel("Modèle", { exact: true });
      await template.locator("option", { hasText: "Offre d’emploi" }).first().waitFor({ state: "attached" });
      const noSpill = () =>
        page.evaluate(() => {
          const root = document.scrollingElement as HTMLElement;
          const scrolled = [...document.querySelectorAll<HTMLElement>("*")].filter((element) => {
            const style = getComputedStyle(element);
            return /auto|scroll/.test(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
          });
          return root.scrollWidth <= root.clientWidth && scrolled.length === 0;
        });
      expect(await noSpill()).toBe(true);
      const card = await boxOf(template.locator("xpath=ancestor::*[contains(@class,'card')][1]"));
      expect(inside(await boxOf(template), card)).toBe(true);
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        expect(await noSpill()).toBe(true);
        expect((await boxOf(template)).width).toBeLessThanOrEqual(390);
      } finally {
        await page.setViewportSize({ width: 1366, height: 800 });
      }
    },
    TEST_TIMEOUT,
  );

  it(
    "leads the keyboard past the navigation with a skip link; explains an API key with no permission",
    async () => {
      await page.goto(`${app.url}/inbox`);
      await row(page, /^Hamza Alaoui/).waitFor();
      await page.keyboard.press("Tab");
      const skip = page.getByRole("link", { name: "Aller au contenu" });
      expect(await skip.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await skip.isVisible()).toBe(true);
      await page.keyboard.press("Enter");
      await expect
        .poll(() => page.evaluate(() => Boolean(document.activeElement?.closest(".shell__page"))), SETTLED)
        .toBe(true);

      await page.goto(`${app.url}/team`);
      await page.getByRole("button", { name: "Créer une clé" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Nom de la clé").fill("ATS");
      await dialog.getByRole("button", { name: "Créer la clé" }).click();
      await dialog.getByText("Cochez au moins un droit.").waitFor();
      expect(await dialog.getByRole("alert").count()).toBe(0);
    },
    TEST_TIMEOUT,
  );
});
