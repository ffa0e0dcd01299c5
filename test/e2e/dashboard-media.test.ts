import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccount } from "../../src/server/modules/accounts/demo-seed";
import { type AppServer, startAppServer } from "../support/app-server";
import { connectNumber, eventually } from "../support/connected";
import { type Caller, loginAs } from "../support/factories";
import { PATIENCE_MS, TEST_BUDGET_MS } from "../support/waiting";
import { browserSkipReason, launchBrowser, loginThroughPage } from "./support/browser";
import { shadedPng } from "./support/png";

const TEST_TIMEOUT = TEST_BUDGET_MS;
/** Set to a folder to save the lightbox's and the voice note's screenshots there (French and Arabic). */
const screenshotDir = process.env.LJ_SCREENSHOT_DIR;

const NADIA = "212661234500";
/** Ten seconds of a tone that swells and fades (Ogg Vorbis, as a phone could send it). */
const VOICE_NOTE = readFileSync(join(import.meta.dirname, "../fixtures/voice-note.ogg"));

// A candidate's photos, voice note and place, as the recruiter sees them: the photos in a lightbox
// browsed with the arrows, the voice note's waveform and speed, the place on a map drawn here.
describe.skipIf(browserSkipReason)("dashboard: media in the chat", () => {
  let app: AppServer;
  let session: Caller;
  let phoneNumberId: string;
  let browser: Browser;
  let page: Page;

  async function inbound(body: Record<string, unknown>) {
    const response = await app.app.inject({
      method: "POST",
      url: "/simulator/control/inbound",
      payload: { phoneNumberId, from: NADIA, ...body },
    });
    expect(response.statusCode, response.body).toBeLessThan(300);
  }

  async function shoot(name: string) {
    if (!screenshotDir) return;
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, name) });
  }

  const feed = (): Locator => page.getByRole("feed");
  const dialog = (): Locator => page.getByRole("dialog");
  const counter = (): Locator => dialog().locator(".lightbox__counter");
  const voice = (): Locator => feed().locator(".audio");
  const isFocused = (target: Locator) => target.evaluate((element) => element === document.activeElement);

  /**
   * The voice note's avatar (Nadia's initials, the mic on it) sits in the bubble beside the player,
   * overlapping neither the play button nor the message's ⌄ menu.
   */
  async function expectVoiceAvatarInPlace() {
    const message = feed().locator("article.msg", { has: page.locator(".audio") });
    await message.scrollIntoViewIfNeeded();
    await message.hover();
    const sender = message.locator(".audio__sender");
    expect(await sender.locator(".avatar").textContent()).toBe("NA");
    const box = async (target: Locator) => {
      const found = await target.boundingBox();
      if (!found) throw new Error("not on screen");
      return found;
    };
    type Box = Awaited<ReturnType<typeof box>>;
    const overlap = (a: Box, b: Box) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const within = (inner: Box, outer: Box) =>
      inner.x >= outer.x &&
      inner.y >= outer.y &&
      inner.x + inner.width <= outer.x + outer.width &&
      inner.y + inner.height <= outer.y + outer.height;
    const [avatar, mic, play, waveform, chevron, bubble] = [
      await box(sender),
      await box(sender.locator(".audio__mic")),
      await box(message.locator(".audio__play")),
      await box(message.getByRole("slider")),
      await box(message.locator(".bubble__chevron")),
      await box(message.locator(".bubble")),
    ];
    for (const [name, other] of Object.entries({ play, waveform, chevron })) {
      expect(overlap(avatar, other), `avatar over ${name}`).toBe(false);
      expect(overlap(mic, other), `mic over ${name}`).toBe(false);
    }
    expect(within(avatar, bubble), "avatar in the bubble").toBe(true);
    expect(within(mic, bubble), "mic in the bubble").toBe(true);
  }

  beforeAll(async () => {
    app = await startAppServer();
    session = await loginAs(app.app, { email: demoAccount.owner.email }, demoAccount.owner.password);
    const { connection } = await connectNumber(app.app, session, "casablanca");
    phoneNumberId = connection.phoneNumberId as string;

    await inbound({
      profileName: "Nadia El Amrani",
      type: "image",
      image: {
        caption: "Ma carte d’identité",
        mime_type: "image/png",
        data_base64: shadedPng(640, 400).toString("base64"),
      },
    });
    await inbound({ type: "text", text: { body: "Et mon diplôme :" } });
    await inbound({
      type: "image",
      image: {
        caption: "Mon diplôme",
        mime_type: "image/png",
        data_base64: shadedPng(400, 560, [37, 99, 235], [250, 204, 21]).toString("base64"),
      },
    });
    await inbound({
      type: "audio",
      audio: { mime_type: "audio/ogg", data_base64: VOICE_NOTE.toString("base64"), voice: true },
    });
    await inbound({
      type: "location",
      location: { latitude: 33.5731, longitude: -7.5898, name: "Agence Casablanca", address: "Bd Zerktouni" },
    });
    // Every file downloaded from Meta before the page opens.
    await eventually(async () => {
      const list = (await session.get(`/api/conversations?q=${NADIA}`)).json() as {
        conversations: { id: string }[];
      };
      const id = list.conversations[0]?.id;
      if (!id) return false;
      const history = (await session.get(`/api/messages/${id}`)).json() as {
        messages: { content: { media?: { status: string } } }[];
      };
      const files = history.messages.filter((m) => m.content.media);
      return history.messages.length === 5 && files.every((m) => m.content.media?.status === "stored");
    });

    browser = await launchBrowser();
    const context = await browser.newContext({ locale: "fr-FR", viewport: { width: 1366, height: 800 } });
    page = await context.newPage();
    await loginThroughPage(page, app.url, "/inbox", demoAccount.owner);
    await page
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("link", { name: /^Nadia El Amrani/ })
      .click();
    await feed().locator(".location").waitFor();
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it(
    "opens a photo full window, moves to the next and back with the arrows, zooms, and closes with Esc",
    async () => {
      const first = feed().getByRole("button", { name: "Ma carte d’identité" });
      await first.click();
      await dialog().waitFor();
      // "Photo" until the chat's media are listed, then who sent it.
      await expect
        .poll(() => dialog().getByRole("heading").textContent(), { timeout: PATIENCE_MS })
        .toBe("Nadia El Amrani");
      await expect.poll(() => counter().textContent(), { timeout: PATIENCE_MS }).toBe("1 / 2");
      await dialog().getByRole("img", { name: "Ma carte d’identité" }).waitFor();
      expect(
        await dialog()
          .getByRole("link", { name: /^Télécharger/ })
          .getAttribute("href"),
      ).toMatch(/^\/api\/media\//);

      await page.keyboard.press("ArrowRight");
      await expect.poll(() => counter().textContent()).toBe("2 / 2");
      await dialog().getByRole("img", { name: "Mon diplôme" }).waitFor();
      expect(await dialog().locator(".lightbox__caption").textContent()).toBe("Mon diplôme");
      await page.keyboard.press("ArrowRight");
      expect(await counter().textContent()).toBe("2 / 2");
      await page.keyboard.press("ArrowLeft");
      await expect.poll(() => counter().textContent()).toBe("1 / 2");

      // Zoom with + (and out with the button): the photo grows past the window, which scrolls.
      const image = dialog().getByRole("img", { name: "Ma carte d’identité" });
      await expect.poll(async () => (await image.boundingBox())?.width ?? 0).toBeGreaterThan(0);
      const fitted = (await image.boundingBox())?.width ?? 0;
      await page.keyboard.press("+");
      await expect.poll(async () => (await image.boundingBox())?.width ?? 0).toBeCloseTo(fitted * 1.5, 0);
      await image.dblclick();
      await expect.poll(async () => (await image.boundingBox())?.width ?? 0).toBeCloseTo(fitted, 0);
      await shoot("lightbox-fr.png");

      await page.keyboard.press("Escape");
      await dialog().waitFor({ state: "detached" });
      expect(await isFocused(first)).toBe(true);
    },
    TEST_TIMEOUT,
  );

  /** The photo's and its frame's boxes on screen (the photo's grows and moves with the zoom). */
  async function boxes(image: Locator) {
    const [photo, frame] = [await image.boundingBox(), await dialog().locator(".zoomable").boundingBox()];
    if (!photo || !frame) throw new Error("the photo is not on screen");
    return { photo, frame };
  }

  it(
    "zooms a photo by double click, moves it by dragging no further than its edges, fits it with 0 and Esc",
    async () => {
      await feed().getByRole("button", { name: "Ma carte d’identité" }).click();
      const image = dialog().getByRole("img", { name: "Ma carte d’identité" });
      await expect
        .poll(async () => (await image.boundingBox())?.width ?? 0, { timeout: PATIENCE_MS })
        .toBeGreaterThan(0);
      const fitted = (await boxes(image)).photo;

      await image.dblclick();
      await expect.poll(async () => (await image.boundingBox())?.width ?? 0).toBeCloseTo(fitted.width * 2, 0);
      await dialog().getByText("Zoom 2×").waitFor();
      expect(await dialog().getByRole("button", { name: "Zoom arrière" }).isEnabled()).toBe(true);

      // Dragged down by far more than it can go: its top edge stops at the frame's top.
      const start = await boxes(image);
      const [x, y] = [start.frame.x + start.frame.width / 2, start.frame.y + start.frame.height / 2];
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x, y + 1000, { steps: 8 });
      await page.mouse.up();
      await expect.poll(async () => (await boxes(image)).photo.y).toBeCloseTo(start.frame.y, 0);
      // And up: its bottom edge stops at the frame's bottom.
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x, y - 2000, { steps: 8 });
      await page.mouse.up();
      await expect
        .poll(async () => {
          const { photo, frame } = await boxes(image);
          return photo.y + photo.height - (frame.y + frame.height);
        })
        .toBeCloseTo(0, 0);

      // Zoomed, the arrows move the photo rather than go to the next one.
      await page.keyboard.press("ArrowRight");
      expect(await counter().textContent()).toBe("1 / 2");
      await page.keyboard.press("0");
      await expect.poll(async () => (await boxes(image)).photo).toEqual(fitted);

      // The wheel zooms about the pointer, and the page behind does not scroll.
      await page.mouse.move(x, y);
      await page.mouse.wheel(0, -300);
      await expect
        .poll(async () => (await image.boundingBox())?.width ?? 0)
        .toBeGreaterThan(fitted.width * 1.5);
      await page.keyboard.press("0");
      await expect.poll(async () => (await boxes(image)).photo).toEqual(fitted);

      // Esc first fits a zoomed photo, then closes.
      await page.keyboard.press("+");
      await expect
        .poll(async () => (await image.boundingBox())?.width ?? 0)
        .toBeCloseTo(fitted.width * 1.5, 0);
      await page.keyboard.press("Escape");
      await expect.poll(async () => (await boxes(image)).photo).toEqual(fitted);
      expect(await dialog().isVisible()).toBe(true);
      await page.keyboard.press("Escape");
      await dialog().waitFor({ state: "detached" });
    },
    TEST_TIMEOUT,
  );

  it(
    "on a phone, zooms a photo with a two-finger pinch",
    async () => {
      const phone = await browser.newContext({
        locale: "fr-FR",
        viewport: { width: 390, height: 844 },
        hasTouch: true,
        isMobile: true,
      });
      const tab = await phone.newPage();
      try {
        await loginThroughPage(tab, app.url, "/inbox", demoAccount.owner);
        await tab
          .getByRole("navigation", { name: "Conversations" })
          .getByRole("link", { name: /^Nadia El Amrani/ })
          .click();
        await tab.getByRole("feed").getByRole("button", { name: "Ma carte d’identité" }).click();
        const image = tab.getByRole("dialog").getByRole("img", { name: "Ma carte d’identité" });
        await expect
          .poll(async () => (await image.boundingBox())?.width ?? 0, { timeout: PATIENCE_MS })
          .toBeGreaterThan(0);
        const fitted = (await image.boundingBox())!;
        const [cx, cy] = [fitted.x + fitted.width / 2, fitted.y + fitted.height / 2];

        // Two fingers 60 px apart spread to 180 px: three times the size.
        const cdp = await phone.newCDPSession(tab);
        const fingers = (spread: number) => [
          { x: cx - spread / 2, y: cy, id: 1 },
          { x: cx + spread / 2, y: cy, id: 2 },
        ];
        await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: fingers(60) });
        for (const spread of [90, 120, 150, 180])
          await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: fingers(spread) });
        await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });

        await expect
          .poll(async () => (await image.boundingBox())?.width ?? 0)
          .toBeCloseTo(fitted.width * 3, -1);
        await tab.getByRole("dialog").getByText("Zoom 3×").waitFor();
      } finally {
        await phone.close();
      }
    },
    TEST_TIMEOUT,
  );

  it(
    "shows the voice note's sender, the candidate's avatar with a mic, clear of the play button and the menu",
    async () => {
      await expectVoiceAvatarInPlace();
    },
    TEST_TIMEOUT,
  );

  it(
    "draws the voice note's waveform from its sound, seeks on it, and cycles the speed, kept across a reload",
    async () => {
      const bars = voice().locator(".waveform__bars[data-state=decoded] rect");
      await expect.poll(() => bars.count(), { timeout: PATIENCE_MS }).toBe(40);
      const heights = await bars.evaluateAll((rects) =>
        rects.map((rect) => Number(rect.getAttribute("height"))),
      );
      // The tone swells and fades: the bars are not all alike.
      expect(Math.max(...heights) - Math.min(...heights)).toBeGreaterThan(5);
      const seek = voice().getByRole("slider", { name: "Position de lecture" });
      await expect.poll(() => seek.getAttribute("aria-valuemax")).toBe("10");

      await seek.focus();
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => seek.getAttribute("aria-valuenow")).toBe("5");
      expect(
        await voice()
          .locator("audio")
          .evaluate((audio: HTMLAudioElement) => audio.currentTime),
      ).toBe(5);
      await page.keyboard.press("ArrowLeft");
      await expect.poll(() => seek.getAttribute("aria-valuenow")).toBe("0");
      const box = await seek.boundingBox();
      if (!box) throw new Error("the waveform is not on screen");
      await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
      await expect
        .poll(async () => Number(await seek.getAttribute("aria-valuenow")))
        .toBeGreaterThanOrEqual(7);
      expect(Number(await seek.getAttribute("aria-valuenow"))).toBeLessThanOrEqual(8);

      const rate = () =>
        voice()
          .locator("audio")
          .evaluate((audio: HTMLAudioElement) => audio.playbackRate);
      expect(await rate()).toBe(1);
      await voice()
        .getByRole("button", { name: /^Vitesse 1×/ })
        .click();
      await expect.poll(rate).toBe(1.5);
      await voice()
        .getByRole("button", { name: /^Vitesse 1,5×/ })
        .click();
      await expect.poll(rate).toBe(2);
      await voice().scrollIntoViewIfNeeded();
      await shoot("voice-note-fr.png");

      await page.reload();
      await voice()
        .getByRole("button", { name: /^Vitesse 2×/ })
        .waitFor({ timeout: PATIENCE_MS });
      expect(await rate()).toBe(2);
      await voice()
        .getByRole("button", { name: /^Vitesse 2×/ })
        .click();
      await expect.poll(rate).toBe(1);
    },
    TEST_TIMEOUT,
  );

  it(
    "shows a location on a map drawn here, with its coordinates and a link to open it on OpenStreetMap",
    async () => {
      const location = feed().locator(".location");
      const map = location.getByRole("img", { name: /Agence Casablanca/ });
      await map.waitFor();
      await expect
        .poll(
          async () =>
            (
              await map
                .getByTestId("map-land")
                .getAttribute("d")
                .catch(() => "")
            )?.length ?? 0,
          {
            timeout: PATIENCE_MS,
          },
        )
        .toBeGreaterThan(1000);
      // The pin stands on the place, the middle of the map.
      const frame = await map.boundingBox();
      const pin = await map.locator(".location__pin").boundingBox();
      if (!frame || !pin) throw new Error("the map is not on screen");
      expect(Math.abs(pin.x + pin.width / 2 - (frame.x + frame.width / 2))).toBeLessThan(2);
      expect(Math.abs(pin.y + pin.height - (frame.y + frame.height / 2))).toBeLessThan(2);
      expect(await location.locator(".location__coordinates").textContent()).toBe("33.5731, -7.5898");
      expect(await location.getByRole("link", { name: "Ouvrir dans Maps" }).getAttribute("href")).toBe(
        "https://www.openstreetmap.org/?mlat=33.5731&mlon=-7.5898#map=16/33.5731/-7.5898",
      );
    },
    TEST_TIMEOUT,
  );

  it(
    "in Arabic, moves to the next photo with the left arrow, the reading direction",
    async () => {
      await page.getByRole("button", { name: "Langue" }).click();
      await page.getByRole("button", { name: "العربية" }).click();
      await page.waitForFunction(() => document.documentElement.dir === "rtl");
      await expectVoiceAvatarInPlace();
      await shoot("voice-note-ar.png");
      await feed().locator(".media-frame--image").first().click();
      await dialog().waitFor();
      await expect.poll(() => counter().textContent(), { timeout: PATIENCE_MS }).toBe("1 / 2");
      await page.keyboard.press("ArrowLeft");
      await expect.poll(() => counter().textContent()).toBe("2 / 2");
      await dialog().locator(".zoomable__image").waitFor();
      await shoot("lightbox-ar.png");
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => counter().textContent()).toBe("1 / 2");
      await page.keyboard.press("Escape");
      await dialog().waitFor({ state: "detached" });
    },
    TEST_TIMEOUT,
  );

  /** The file id of Nadia's photo with this caption, as the API lists it. */
  async function fileOf(caption: string): Promise<string> {
    return eventually(async () => {
      const list = (await session.get(`/api/conversations?q=${NADIA}`)).json() as {
        conversations: { id: string }[];
      };
      const history = (await session.get(`/api/messages/${list.conversations[0]!.id}`)).json() as {
        messages: { content: { media?: { id: string | null; caption: string | null; status: string } } }[];
      };
      const media = history.messages.find((m) => m.content.media?.caption === caption)?.content.media;
      return media?.status === "stored" ? (media.id ?? undefined) : undefined;
    });
  }

  it(
    "keeps the photo in view when another arrives, counts it and reaches it with next; says so of a photo no longer there",
    async () => {
      // The diploma's file is gone from the server (deleted, withdrawn); the page is loaded again so
      // that no copy of it is kept in memory (routing a request bypasses the browser's cache).
      const diploma = await fileOf("Mon diplôme");
      await page.route(`**/api/media/${diploma}`, (route) => route.fulfill({ status: 404, body: "" }));
      await page.reload();
      await page.waitForFunction(() => document.documentElement.dir === "rtl");
      // In Arabic: the next photo is on the left.
      await feed().locator(".media-frame--image").first().click();
      await dialog().waitFor();
      await expect.poll(() => counter().textContent(), { timeout: PATIENCE_MS }).toBe("1 / 2");
      const shown = dialog().getByRole("img", { name: "Ma carte d’identité" });
      await shown.waitFor();

      await inbound({
        type: "image",
        image: {
          caption: "Mon permis",
          mime_type: "image/png",
          data_base64: shadedPng(500, 320, [22, 163, 74], [254, 240, 138]).toString("base64"),
        },
      });
      await expect.poll(() => counter().textContent(), { timeout: PATIENCE_MS }).toBe("1 / 3");
      expect(await shown.isVisible()).toBe(true);

      // The diploma, whose file is gone: said in words, no broken image.
      await page.keyboard.press("ArrowLeft");
      await expect.poll(() => counter().textContent()).toBe("2 / 3");
      await dialog().locator(".lightbox__gone").waitFor();
      expect(await dialog().locator(".lightbox__stage img").count()).toBe(0);

      await dialog().getByRole("button", { name: "التالي" }).click();
      await expect.poll(() => counter().textContent()).toBe("3 / 3");
      await dialog().getByRole("img", { name: "Mon permis" }).waitFor({ timeout: PATIENCE_MS });
      await page.unroute(`**/api/media/${diploma}`);
      await page.keyboard.press("Escape");
      await dialog().waitFor({ state: "detached" });
    },
    TEST_TIMEOUT,
  );
});
