import fc from "fast-check";
import { describe, expect, it } from "vitest";
import webhookExamples from "../../../../../test/fixtures/meta/webhook-examples.json";
import { MessageContent } from "../../../../contracts/messages";
import { type MetaInboundMessage, type ParsedInbound, parseInbound, previewOf } from "./inbound-parser";

type Example = { entry: { changes: { value: { messages?: MetaInboundMessage[] } }[] }[] };

/** The one inbound message of each of Meta's official webhook examples that carries one. */
const metaMessages = new Map(
  Object.entries(webhookExamples.examples as Record<string, Example>).flatMap(([name, example]) =>
    example.entry.flatMap((entry) =>
      entry.changes.flatMap((change) => (change.value.messages ?? []).map((m) => [name, m] as const)),
    ),
  ),
);
const metaMessage = (name: string) => {
  const message = metaMessages.get(name);
  if (!message) throw new Error(`no message in Meta's example "${name}"`);
  return message;
};

const plain = { media: null, context: null, referral: null };
const replyTo = (wamid: string) => ({
  replyToWamid: wamid,
  isForwarded: false,
  isFrequentlyForwarded: false,
});

/** What each of Meta's examples reads as, in full. */
const expectedFromMeta: Record<string, ParsedInbound> = {
  "Text Message": {
    ...plain,
    content: { type: "text", body: "Does it come in another color?" },
    text: "Does it come in another color?",
  },
  "Text Message with Context (Product Inquiry)": {
    ...plain,
    content: { type: "text", body: "Is this still available?" },
    text: "Is this still available?",
    context: replyTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGA9wcm9kdWN0X2lucXVpcnkA"),
  },
  "Text Message from Click to WhatsApp Ad": {
    ...plain,
    content: { type: "text", body: "Hello! Can I get more info on this?" },
    text: "Hello! Can I get more info on this?",
    referral: metaMessage("Text Message from Click to WhatsApp Ad").referral!,
  },
  "Reaction Message": {
    ...plain,
    content: {
      type: "reaction",
      targetWamid: "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RTJEOTc2ODVERUY5RDlGNkYA",
      emoji: "👍",
    },
    text: null,
  },
  "Image Message": {
    ...plain,
    content: {
      type: "image",
      media: {
        id: null,
        mimeType: "image/jpeg",
        filename: null,
        caption: "Taj Mahal",
        sizeBytes: null,
        status: "pending",
      },
    },
    text: "Taj Mahal",
    media: {
      metaMediaId: "1003383421387256",
      mimeType: "image/jpeg",
      sha256: "SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=",
      filename: null,
    },
  },
  "Location Message": {
    ...plain,
    content: {
      type: "location",
      latitude: 37.44221496582,
      longitude: -122.16165924072,
      name: "Philz Coffee",
      address: "101 Forest Ave, Palo Alto, CA 94301",
      url: "https://philzcoffee.com/",
    },
    text: "Philz Coffee",
  },
  "Contact Sharing Message": {
    ...plain,
    content: {
      type: "contacts",
      contacts: [
        {
          name: "Lucía Gómez",
          phones: [{ phone: "+1 (983) 555-2319", waId: "19835552319", type: "MOBILE" }],
          emails: [],
          organization: "Google",
        },
      ],
    },
    text: "Lucía Gómez",
  },
  "Unsupported Message": {
    ...plain,
    content: { type: "unsupported", reason: "Message type is currently not supported." },
    text: null,
  },
  "Button Message": {
    ...plain,
    content: { type: "button", payload: "Unsubscribe", text: "Unsubscribe" },
    text: "Unsubscribe",
    context: replyTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJFNjk2OTMwNEZCQjhGMzUyQUYA"),
  },
  "Interactive List Reply Message": {
    ...plain,
    content: {
      type: "interactive_reply",
      kind: "list_reply",
      replyId: "priority_express",
      title: "Priority Mail Express",
      description: "Next Day to 2 Days",
    },
    text: "Priority Mail Express",
    context: replyTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJGMzEyNzhENTZDMzNGODlDRDgA"),
  },
  "Interactive Button Reply Message": {
    ...plain,
    content: {
      type: "interactive_reply",
      kind: "button_reply",
      replyId: "cancel-button",
      title: "Cancel",
      description: null,
    },
    text: "Cancel",
    context: replyTo("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA"),
  },
  // Orders are not a recruiting feature: kept as Meta sent them.
  "Order Message": {
    ...plain,
    content: { type: "unknown", metaType: "order", raw: metaMessage("Order Message").order },
    text: null,
  },
  "System Message": {
    ...plain,
    content: {
      type: "system",
      body: "User Sheena Nelson changed from 16505551234 to 12195555358",
      kind: "user_changed_number",
      newWaId: "12195555358",
    },
    text: "User Sheena Nelson changed from 16505551234 to 12195555358",
  },
};

describe("parseInbound: Meta's official webhook examples", () => {
  it("has an expectation for every example that carries a message", () => {
    expect(Object.keys(expectedFromMeta).sort()).toEqual([...metaMessages.keys()].sort());
  });

  it.each(Object.entries(expectedFromMeta))("reads %s", (name, expected) => {
    const parsed = parseInbound(metaMessage(name));
    expect(parsed).toEqual(expected);
    expect(MessageContent.parse(parsed.content)).toEqual(parsed.content);
  });
});

/** An inbound message of `type` carrying `payload` under its type's key, as Meta nests it. */
const inbound = (type: string, payload?: unknown, extra: Partial<MetaInboundMessage> = {}) =>
  parseInbound({
    id: "wamid.test",
    from: "212612345678",
    timestamp: "1750000000",
    type,
    [type]: payload,
    ...extra,
  });

describe("parseInbound: the types and fields Meta's examples lack", () => {
  it.each([
    [
      "a video with a caption",
      inbound("video", { id: "m1", mime_type: "video/mp4", caption: "Mon atelier" }),
      { mimeType: "video/mp4", caption: "Mon atelier", filename: null },
      "Mon atelier",
    ],
    [
      "a voice note",
      inbound("audio", { id: "m2", mime_type: "audio/ogg; codecs=opus", voice: true }),
      { mimeType: "audio/ogg; codecs=opus", isVoice: true },
      null,
    ],
    ["an audio file", inbound("audio", { id: "m3", mime_type: "audio/mpeg" }), { isVoice: false }, null],
    [
      "a document, its file name as text",
      inbound("document", { id: "m4", mime_type: "application/pdf", filename: "CV Amina.pdf" }),
      { filename: "CV Amina.pdf", caption: null },
      "CV Amina.pdf",
    ],
    [
      "a document with a caption, which wins over the file name",
      inbound("document", { id: "m5", filename: "cv.pdf", caption: "Mon CV" }),
      { filename: "cv.pdf", caption: "Mon CV" },
      "Mon CV",
    ],
    [
      "an animated sticker",
      inbound("sticker", { id: "m6", mime_type: "image/webp", animated: true }),
      { isAnimated: true },
      null,
    ],
  ])("reads %s, its file waiting to be downloaded", (_, parsed, media, text) => {
    expect(parsed.content).toMatchObject({
      media: { id: null, status: "pending", sizeBytes: null, ...media },
    });
    expect(parsed.text).toBe(text);
    expect(parsed.media).toMatchObject({ metaMediaId: expect.stringMatching(/^m\d$/) });
  });

  it("has nothing to download when Meta gives no media id", () => {
    expect(inbound("image", { caption: "sans id" }).media).toBeNull();
  });

  it.each([
    [
      "a Flow's answer",
      inbound("interactive", {
        type: "nfm_reply",
        nfm_reply: { name: "flow", body: "Envoyé", response_json: "{}" },
      }).content,
      { type: "interactive_reply", kind: "nfm_reply", replyId: "", title: "Envoyé", description: null },
    ],
    [
      "an interactive kind we do not know, kept raw",
      inbound("interactive", { type: "call_permission_reply", call_permission_reply: {} }).content,
      {
        type: "unknown",
        metaType: "interactive.call_permission_reply",
        raw: { type: "call_permission_reply", call_permission_reply: {} },
      },
    ],
    [
      "a removed reaction (no emoji)",
      inbound("reaction", { message_id: "wamid.target" }).content,
      { type: "reaction", targetWamid: "wamid.target", emoji: null },
    ],
    [
      "a removed reaction (an empty emoji)",
      inbound("reaction", { message_id: "wamid.target", emoji: "" }).content,
      { type: "reaction", targetWamid: "wamid.target", emoji: null },
    ],
    [
      "a type Meta added after us, kept raw",
      inbound("request_welcome", { anything: 1 }).content,
      { type: "unknown", metaType: "request_welcome", raw: { anything: 1 } },
    ],
    [
      "an unsupported message without Meta's details, with its title",
      inbound("unsupported", undefined, { errors: [{ code: 131051, title: "Message type unknown" }] })
        .content,
      { type: "unsupported", reason: "Message type unknown" },
    ],
    [
      "an unsupported message without any error",
      inbound("unsupported").content,
      { type: "unsupported", reason: "Message type not supported" },
    ],
    ["a text without a body", inbound("text", {}).content, { type: "text", body: "" }],
    [
      "a location without coordinates, kept raw",
      inbound("location", { name: "Quelque part" }).content,
      { type: "unknown", metaType: "location", raw: { name: "Quelque part" } },
    ],
    [
      "a location with its coordinates as strings",
      inbound("location", { latitude: "33.57", longitude: "-7.59" }).content,
      { type: "location", latitude: 33.57, longitude: -7.59, name: null, address: null, url: null },
    ],
  ])("reads %s", (_, content, expected) => {
    expect(content).toEqual(expected);
  });

  it("reads forwarding and the message replied to from the context", () => {
    expect(inbound("text", { body: "Transféré" }, { context: { forwarded: true } }).context).toEqual({
      replyToWamid: null,
      isForwarded: true,
      isFrequentlyForwarded: false,
    });
    expect(
      inbound("text", { body: "x" }, { context: { id: "wamid.original", frequently_forwarded: true } })
        .context,
    ).toEqual({ replyToWamid: "wamid.original", isForwarded: false, isFrequentlyForwarded: true });
  });
});

/** Every type the parser knows, and some it does not. */
const metaTypes = fc.constantFrom(
  ...["text", "image", "video", "audio", "document", "sticker", "location", "contacts"],
  ...["interactive", "button", "reaction", "system", "unsupported", "order", "request_welcome"],
);

/** The fields the parser reads, holding anything: what a changed or broken Meta payload looks like. */
const oddValue = fc.anything({ maxDepth: 1 });
const metaFields = ["id", "body", "caption", "filename", "mime_type", "voice", "latitude", "longitude"];
const oddPayload = fc.oneof(
  oddValue,
  fc.dictionary(
    fc.constantFrom(...metaFields, "name", "emoji", "message_id", "type", "payload", "text"),
    oddValue,
  ),
);
const oddErrors = fc.oneof(
  oddValue,
  fc.array(fc.dictionary(fc.constantFrom("code", "title", "message"), oddValue)),
);

describe("parseInbound: whatever Meta sends", () => {
  it("never throws, and its content always fits the API's contract (a chat page is validated as a whole)", () => {
    fc.assert(
      fc.property(metaTypes, oddPayload, oddErrors, (type, payload, errors) => {
        const parsed = inbound(type, payload, { errors: errors as MetaInboundMessage["errors"] });
        expect(MessageContent.safeParse(parsed.content).error).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

describe("previewOf: the line under the candidate's name in the inbox", () => {
  const media = {
    id: null,
    mimeType: null,
    filename: null,
    caption: null,
    sizeBytes: null,
    status: "pending",
  } as const;
  it.each<[string, MessageContent, string | null, string]>([
    ["a text, as written", { type: "text", body: "Bonjour" }, "Bonjour", "Bonjour"],
    ["a reaction, its emoji", { type: "reaction", targetWamid: "w", emoji: "👍" }, null, "👍"],
    ["a removed reaction, nothing", { type: "reaction", targetWamid: "w", emoji: null }, null, ""],
    ["an image with its caption", { type: "image", media }, "CV", "[image] CV"],
    ["a voice note", { type: "audio", media: { ...media, isVoice: true } }, null, "[audio]"],
    [
      "a location with its name",
      { type: "location", latitude: 1, longitude: 2, name: "Twin Center", address: null, url: null },
      "Twin Center",
      "[location] Twin Center",
    ],
    [
      "a template as the candidate reads it",
      {
        type: "template",
        name: "job_opportunity",
        language: "fr",
        rendered: "Bonjour Youssef",
        params: { name: "job_opportunity", language: "fr" },
      },
      null,
      "Bonjour Youssef",
    ],
    ["a button's text", { type: "button", payload: "YES", text: "Oui" }, "Oui", "Oui"],
    ["an unsupported message, its type", { type: "unsupported", reason: "x" }, null, "[unsupported]"],
    ["an unknown type, its type", { type: "unknown", metaType: "order", raw: {} }, null, "[unknown]"],
  ])("shows %s", (_, content, text, preview) => {
    expect(previewOf(content, text)).toBe(preview);
  });

  it("cuts a long text at 200 characters", () => {
    const body = "a".repeat(500);
    expect(previewOf({ type: "text", body }, body)).toBe("a".repeat(200));
  });

  it("never cuts an emoji in half, whatever the text's length and where its emoji fall", () => {
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    // Plain letters up to around the cuts (180 after a media's label, 200), then emoji across them.
    const body = fc
      .tuple(
        fc.integer({ min: 170, max: 205 }),
        fc.array(fc.constantFrom("a", "ب", " ", "👍", "🙏🏽", "👨‍👩‍👧"), { minLength: 1, maxLength: 40 }),
      )
      .map(([letters, parts]) => "a".repeat(letters) + parts.join(""));
    fc.assert(
      fc.property(body, fc.constantFrom("text", "image", "document"), (text, type) => {
        const content: MessageContent =
          type === "text" ? { type, body: text } : { type: type as "image", media };
        const preview = previewOf(content, text);
        expect(preview).not.toMatch(loneSurrogate);
        expect(preview.length).toBeLessThanOrEqual(200);
        expect(text.startsWith(preview.replace(/^\[\w+\]\s?/, ""))).toBe(true);
      }),
    );
  });
});
