import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import sendExamples from "../../../test/fixtures/meta/send-message-examples.json";
import { createHarness, type Harness, startMediaServer, waitFor } from "../testing/harness";

/**
 * Media sent by `link` is fetched by Meta after the send is accepted; a link it cannot use fails the
 * message with 131053 in a status webhook (the send itself answered 200).
 */
const CANDIDATE = "212612345678";
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
let h: Harness;
let media: Awaited<ReturnType<typeof startMediaServer>>;

beforeAll(async () => {
  media = await startMediaServer({
    "/cv.jpg": { type: "image/jpeg", body: JPEG },
    "/cv.pdf": { type: "application/pdf; charset=binary", body: Buffer.from("%PDF-1.4 cv") },
    "/page.jpg": { type: "text/html", body: Buffer.from("<html>login</html>") },
    "/busy.jpg": { status: 503, type: "text/plain", body: Buffer.from("busy") },
    "/big.jpg": { type: "image/jpeg", streamBytes: 5 * 1024 * 1024 + 1 },
  });
});
afterAll(() => media.close());
beforeEach(async () => {
  h = await createHarness();
  await h.control("POST", "/inbound", {
    phoneNumberId: h.phoneId,
    from: CANDIDATE,
    type: "text",
    text: { body: "Bonjour" },
  });
});
afterEach(() => h.close());

const send = (body: Record<string, unknown>) =>
  h.graph("POST", `/v23.0/${h.phoneId}/messages`, {
    messaging_product: "whatsapp",
    to: `+${CANDIDATE}`,
    ...body,
  });

/** The final status of a message: `read` (delivered and read) or `failed` with its error. */
const outcome = (id: string) =>
  waitFor(() => {
    const all = h.receiver.statuses().filter((s) => s.id === id);
    return all.find((s) => s.status === "failed" || s.status === "read");
  });

describe("media sent by link", () => {
  it("is fetched, then delivered, for Meta's 'Send Image Message by URL' example pointed at a real image", async () => {
    const example = structuredClone(
      (sendExamples.examples as Record<string, Record<string, unknown>>)["Send Image Message by URL"],
    );
    expect(example).toBeDefined();
    (example!.image as { link: string }).link = media.url("/cv.jpg");
    const res = await send({ ...example, to: `+${CANDIDATE}` });
    expect(res.status).toBe(200);
    expect((await outcome(res.body.messages[0].id)).status).toBe("read");
  });

  it.each([
    ["unreachable", "http://127.0.0.1:1/cv.jpg", /could not connect/],
    ["answering 503", "/busy.jpg", /http code 503, status message Service Unavailable/],
    ["missing (404)", "/nothing.jpg", /http code 404/],
    ["of the wrong type", "/page.jpg", /Unsupported Image mime type text\/html/],
    ["over 5 MB for an image", "/big.jpg", /Media file size too big/],
    ["not a web address (Meta's placeholder)", "http(s)://image-url", /not a valid URL/],
  ])("fails with 131053 in a status webhook when the link is %s", async (_case, path, details) => {
    const link = path.startsWith("/") ? media.url(path) : path;
    const res = await send({ type: "image", image: { link, caption: "Votre badge" } });
    expect(res.status).toBe(200);
    const failed = await outcome(res.body.messages[0].id);
    expect(failed.status).toBe("failed");
    expect(failed.errors).toEqual([
      expect.objectContaining({
        code: 131053,
        title: "Media upload error",
        error_data: { details: expect.stringMatching(details) },
      }),
    ]);
    expect(h.receiver.statuses().filter((s) => s.id === res.body.messages[0].id)).toHaveLength(1);
  });

  it("fetches a template's header document by link, and fails the template when it cannot", async () => {
    await h.control("POST", "/templates", {
      wabaId: h.wabaId,
      name: "offer_sheet",
      language: "fr",
      category: "UTILITY",
      components: [
        { type: "HEADER", format: "DOCUMENT" },
        { type: "BODY", text: "Votre fiche de poste." },
      ],
    });
    const template = (link: string) => ({
      type: "template",
      template: {
        name: "offer_sheet",
        language: { code: "fr" },
        components: [{ type: "header", parameters: [{ type: "document", document: { link } }] }],
      },
    });
    const ok = await send(template(media.url("/cv.pdf")));
    const wrong = await send(template(media.url("/cv.jpg")));
    expect((await outcome(ok.body.messages[0].id)).status).toBe("read");
    const failed = await outcome(wrong.body.messages[0].id);
    expect(failed).toMatchObject({ status: "failed", errors: [{ code: 131053 }] });
    expect(String((failed.errors as { error_data: { details: string } }[])[0]?.error_data.details)).toMatch(
      /Unsupported Document mime type image\/jpeg/,
    );
  });
});
