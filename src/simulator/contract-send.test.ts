import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sendExamples from "../../test/fixtures/meta/send-message-examples.json";
import sendResponses from "../../test/fixtures/meta/send-message-responses.json";
import type { SeedTemplateBody } from "../contracts/simulator";
import { createHarness, type Harness, startMediaServer, waitFor } from "./testing/harness";

/**
 * Contract: every send example of Meta's OpenAPI file (fixture copied from facebook/openapi, see
 * test/fixtures/meta/README.md) is accepted, and broken variants get the code Meta documents.
 * Examples are sent as written; only Meta's placeholders are filled with real values.
 */
type Json = Record<string, unknown>;
const examples = sendExamples.examples as Record<string, Json>;
const CANDIDATE = "+212612345678";
/** Recipients written literally in the examples; each needs an open 24-hour window. */
const RECIPIENTS = [CANDIDATE, "+16505551234", "16315555555"];

let h: Harness;
const placeholders: Record<string, string> = {
  "{{Recipient-Phone-Number}}": CANDIDATE,
  "{{Recipient-WA-Phone-Number}}": CANDIDATE,
  "<TEMPLATE_NAME>": "flow_offer",
};

function fill(value: unknown): unknown {
  if (typeof value === "string") return placeholders[value] ?? value;
  if (Array.isArray(value)) return value.map(fill);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
  return value;
}

async function upload(kind: string, mime: string, bytes: Buffer): Promise<string> {
  const boundary = "----sim-boundary";
  const part = (headers: string, data: Buffer | string) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`),
      Buffer.from(data),
      Buffer.from("\r\n"),
    ]);
  const payload = Buffer.concat([
    part('Content-Disposition: form-data; name="messaging_product"', "whatsapp"),
    part(`Content-Disposition: form-data; name="file"; filename="${kind}"\r\nContent-Type: ${mime}`, bytes),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  const res = await h.app.inject({
    method: "POST",
    url: `/simulator/graph/v23.0/${h.phoneId}/media`,
    payload,
    headers: {
      authorization: `Bearer ${h.token}`,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    },
  });
  expect(res.statusCode).toBe(200);
  return res.json().id;
}

const body3 = (text: string) => ({ type: "BODY", text, example: { body_text: [["a", "b", "c"]] } });
/** Templates the examples name, defined as a WABA would have them approved. */
const TEMPLATES: Omit<SeedTemplateBody, "wabaId">[] = [
  { name: "shipping_text", language: "en_US", components: [body3("Hi {{1}}, you paid {{2}} on {{3}}.")] },
  {
    name: "shipping_media",
    language: "en_US",
    components: [{ type: "HEADER", format: "IMAGE" }, body3("Hi {{1}}, you paid {{2}} on {{3}}.")],
  },
  {
    name: "shipping_interactive",
    language: "en_US",
    components: [
      { type: "HEADER", format: "IMAGE" },
      body3("Hi {{1}}, you paid {{2}} on {{3}}."),
      {
        type: "BUTTONS",
        buttons: [
          { type: "QUICK_REPLY", text: "Yes" },
          { type: "QUICK_REPLY", text: "No" },
        ],
      },
    ],
  },
  {
    name: "intro_catalog_offer",
    language: "en_US",
    category: "MARKETING",
    components: [
      body3(
        "Now shop for your favourite products right here on WhatsApp! Get Rs {{1}} off on all orders above {{2}}Rs! Valid for your first {{3}} orders placed on WhatsApp!",
      ),
      { type: "BUTTONS", buttons: [{ type: "CATALOG", text: "View catalog" }] },
    ],
  },
  {
    name: "flow_offer",
    language: "en_US",
    components: [
      { type: "BODY", text: "Tell us more about you." },
      { type: "BUTTONS", buttons: [{ type: "FLOW", text: "Open form" }] },
    ],
  },
  {
    name: "sample_issue_resolution",
    language: "en_US",
    components: [
      {
        type: "BODY",
        text: "Hi {{1}}, were we able to solve the issue that you faced?",
        example: { body_text: [["Mr. Jones"]] },
      },
      {
        type: "BUTTONS",
        buttons: [
          { type: "QUICK_REPLY", text: "Yes" },
          { type: "QUICK_REPLY", text: "No" },
        ],
      },
    ],
  },
];
/** The examples named "template-name"/"language-and-locale-code" (placeholders) map to these. */
const TEMPLATE_FOR_EXAMPLE: Record<string, string> = {
  "Send Message Template Text": "shipping_text",
  "Send Sample Text Message": "shipping_text",
  "Send Sample Shipping Confirmation Template": "shipping_text",
  "Send Message Template Media": "shipping_media",
  "Send Message Template Interactive": "shipping_interactive",
};

function prepare(name: string): Json {
  const body = fill(examples[name]) as Json;
  const template = body.template as { name: string; language: { code: string } } | undefined;
  if (template && TEMPLATE_FOR_EXAMPLE[name]) {
    template.name = TEMPLATE_FOR_EXAMPLE[name];
    template.language.code = "en_US";
  }
  return body;
}
const post = (body: Json) => h.graph("POST", `/v23.0/${h.phoneId}/messages`, body);

let media: Awaited<ReturnType<typeof startMediaServer>>;
/**
 * The examples' links (placeholders, and one real picture on Wikimedia) point at a local server of
 * files of the right type: the simulator fetches what is sent by link, and tests stay off the network.
 */
const LINKED: Record<string, [path: string, type: string]> = {
  "<http(s)://audio-url>": ["/audio.ogg", "audio/ogg"],
  "http(s)://audio-url": ["/audio.ogg", "audio/ogg"],
  "<http(s)://document-url>": ["/doc.pdf", "application/pdf"],
  "<http(s)://sticker-url>": ["/sticker.webp", "image/webp"],
  "<http(s)://video-url>": ["/video.mp4", "video/mp4"],
  "http(s)://image-url": ["/image.jpg", "image/jpeg"],
  "http(s)://the-image-url": ["/image.jpg", "image/jpeg"],
  "https://upload.wikimedia.org/wikipedia/commons/thumb/3/3b/Home_made_sour_dough_bread.jpg/640px-Home_made_sour_dough_bread.jpg":
    ["/image.jpg", "image/jpeg"],
};

beforeAll(async () => {
  media = await startMediaServer(
    Object.fromEntries(
      Object.values(LINKED).map(([path, type]) => [path, { type, body: Buffer.from(path) }]),
    ),
  );
  for (const [link, [path]] of Object.entries(LINKED)) placeholders[link] = media.url(path);
  h = await createHarness();
  for (const to of RECIPIENTS) {
    await h.control("POST", "/inbound", {
      phoneNumberId: h.phoneId,
      from: to,
      type: "text",
      text: { body: "Hello" },
    });
  }
  const inboundId = String(h.sim.state.messages.at(-1)?.id);
  placeholders["<MSGID_OF_PREV_MSG>"] = inboundId;
  placeholders["<MSGID_OF_MSG_YOU_ARE_REPLYING_TO>"] = inboundId;
  placeholders["<IMAGE_OBJECT_ID>"] = await upload(
    "image",
    "image/jpeg",
    Buffer.from("\xff\xd8\xff fake jpeg"),
  );
  placeholders["<AUDIO_OBJECT_ID>"] = await upload("audio", "audio/ogg", Buffer.from("OggS"));
  placeholders["<VIDEO_OBJECT_ID>"] = await upload("video", "video/mp4", Buffer.from("ftypmp42"));
  placeholders["<DOCUMENT_OBJECT_ID>"] = await upload("cv.pdf", "application/pdf", Buffer.from("%PDF-1.4"));
  placeholders["<MEDIA_OBJECT_ID>"] = await upload("sticker", "image/webp", Buffer.from("RIFFWEBP"));
  for (const template of TEMPLATES) {
    const res = await h.control("POST", "/templates", { wabaId: h.wabaId, ...template });
    expect(res.status).toBe(200);
  }
});
afterAll(async () => {
  await h.close();
  await media.close();
});

describe("every send example of Meta's OpenAPI file is accepted", () => {
  it("covers all 50 examples", () => {
    expect(Object.keys(examples)).toHaveLength(50);
  });

  it.each(Object.keys(examples))("%s", async (name) => {
    const res = await post(prepare(name));
    expect(res.body).not.toHaveProperty("error");
    expect(res.status).toBe(200);
    if (examples[name]?.status === "read") {
      expect(res.body).toEqual({ success: true });
      return;
    }
    // Same keys as Meta's documented response ("Example response" in the same file).
    const documented = sendResponses.examples["Example response"];
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(documented).sort());
    expect(res.body.contacts[0].input).toBe(prepare(name).to);
    expect(res.body.messages[0].id).toMatch(/^wamid\./);
  });
});

describe("the examples' media sent by link", () => {
  const linked = Object.keys(examples).filter((name) => /"link":/.test(JSON.stringify(examples[name])));
  // The examples above used the pair rate's burst to the same candidate: five minutes refill it.
  beforeAll(() => h.sim.clock.advance(5 * 60_000));

  it.each(linked)("%s: the link is fetched and the message delivered", async (name) => {
    const res = await post(prepare(name));
    expect(res.status).toBe(200);
    const id = res.body.messages[0].id;
    const final = await waitFor(() =>
      h.receiver.statuses().find((s) => s.id === id && (s.status === "read" || s.status === "failed")),
    );
    expect(final).toMatchObject({ status: "read" });
  });
});

/** Broken variants and the code Meta documents for each (meta-platform notes, sections 2, 3, 6). */
const variants: [string, string, (b: Json) => void, number][] = [
  ["no messaging_product", "Send Text Message", (b) => delete b.messaging_product, 100],
  ["no recipient", "Send Text Message", (b) => delete b.to, 100],
  ["unknown type", "Send Text Message", (b) => (b.type = "fax"), 100],
  ["text without body", "Send Text Message", (b) => (b.text = { preview_url: false }), 100],
  ["text over 4096 characters", "Send Text Message", (b) => (b.text = { body: "x".repeat(4097) }), 131009],
  ["image with neither id nor link", "Send Image Message by ID", (b) => (b.image = {}), 131008],
  [
    "image with an unknown id",
    "Send Image Message by ID",
    (b) => (b.image = { id: "999999999999999" }),
    131009,
  ],
  ["audio with a caption", "Send Audio Message by ID", (b) => ((b.audio as Json).caption = "no"), 100],
  ["location without latitude", "Send Location Message", (b) => delete (b.location as Json).latitude, 100],
  [
    "four reply buttons",
    "Send Reply Button",
    (b) => {
      const action = (b.interactive as Json).action as { buttons: Json[] };
      action.buttons = [1, 2, 3, 4].map((i) => ({
        type: "reply",
        reply: { id: `b${i}`, title: `Choice ${i}` },
      }));
    },
    131009,
  ],
  [
    "button title over 20 characters",
    "Send Reply Button",
    (b) => {
      const action = (b.interactive as Json).action as { buttons: { reply: Json }[] };
      if (action.buttons[0]) action.buttons[0].reply.title = "A title longer than twenty";
    },
    131009,
  ],
  [
    "list with 11 rows",
    "Send List Message",
    (b) => {
      const action = (b.interactive as Json).action as { sections: Json[] };
      action.sections = [
        { title: "All", rows: Array.from({ length: 11 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` })) },
      ];
    },
    131009,
  ],
  [
    "reply buttons under a text over 1024 characters",
    "Send Reply Button",
    (b) => ((b.interactive as Json).body = { text: "x".repeat(1025) }),
    131009,
  ],
  [
    "list button label over 20 characters",
    "Send List Message",
    (b) => (((b.interactive as Json).action as Json).button = "Voir tous les postes ouverts"),
    131009,
  ],
  [
    "list row title over 24 characters",
    "Send List Message",
    (b) => {
      const action = (b.interactive as Json).action as { sections: Json[] };
      action.sections = [{ title: "All", rows: [{ id: "r1", title: "A row title over 24 chars" }] }];
    },
    131009,
  ],
  [
    "list row description over 72 characters",
    "Send List Message",
    (b) => {
      const action = (b.interactive as Json).action as { sections: Json[] };
      action.sections = [{ title: "All", rows: [{ id: "r1", title: "Row", description: "x".repeat(73) }] }];
    },
    131009,
  ],
  ["reply buttons without a text", "Send Reply Button", (b) => delete (b.interactive as Json).body, 100],
  [
    "template in a language it lacks",
    "Send Test Message",
    (b) => ((b.template as { language: Json }).language = { code: "fr" }),
    132001,
  ],
  [
    "template missing a body parameter",
    "Send Message Template Text",
    (b) => {
      const [body] = (b.template as { components: { parameters: unknown[] }[] }).components;
      body?.parameters.pop();
    },
    132000,
  ],
  [
    "template header of the wrong format",
    "Send Message Template Media",
    (b) => {
      const [header] = (b.template as { components: { parameters: unknown[] }[] }).components;
      if (header) header.parameters = [{ type: "document", document: { link: "https://x.example/a.pdf" } }];
    },
    132012,
  ],
  [
    "template parameter with a new line",
    "Send Sample Issue Resolution Template",
    (b) => {
      const [body] = (b.template as { components: { parameters: Json[] }[] }).components;
      if (body?.parameters[0]) body.parameters[0].text = "two\nlines";
    },
    132018,
  ],
  ["free-form message outside the window", "Send Text Message", (b) => (b.to = "+212698765432"), 131047],
];

describe("wrong variants are refused with Meta's code", () => {
  const cases = variants.map(([label, example, mutate, code]) => ({ label, example, mutate, code }));
  it.each(cases)("$label ($example) → $code", async ({ example: exampleName, mutate, code }) => {
    const body = prepare(exampleName);
    mutate(body);
    const res = await post(body);
    expect(res.body.error?.code).toBe(code);
    expect(res.body.error.message).toMatch(new RegExp(`^\\(#${code}\\) `));
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
