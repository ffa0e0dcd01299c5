import { MetaError } from "../errors";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Graph's wording for a missing parameter: `(#100) The parameter text['body'] is required.` */
export function missing(path: string): MetaError {
  return new MetaError(100, {
    message: `(#100) The parameter ${path} is required.`,
    details: `${path} is required.`,
  });
}

/** A present value Meta refuses (length, count, duplicates): 131009 with the reason in details. */
export function invalid(details: string): MetaError {
  return new MetaError(131009, { details });
}

function unknownParam(path: string): MetaError {
  return new MetaError(100, {
    message: `(#100) Param ${path} is not a valid parameter.`,
    details: `${path} is not a valid parameter.`,
  });
}

function str(obj: Obj, key: string, path: string, max?: number): string {
  const value = obj[key];
  if (value === undefined || value === null || value === "") throw missing(path);
  if (typeof value !== "string") throw invalid(`${path} must be a string.`);
  if (max !== undefined && [...value].length > max)
    throw invalid(`${path} must be at most ${max} characters long.`);
  return value;
}

function optStr(obj: Obj, key: string, path: string, max: number): void {
  if (obj[key] === undefined) return;
  str(obj, key, path, max);
}

function obj(parent: Obj, key: string, path: string): Obj {
  const value = parent[key];
  if (value === undefined || value === null) throw missing(path);
  if (!isObj(value)) throw invalid(`${path} must be an object.`);
  return value;
}

const MEDIA_KEYS: Record<string, string[]> = {
  image: ["id", "link", "caption"],
  video: ["id", "link", "caption"],
  audio: ["id", "link", "voice"],
  document: ["id", "link", "caption", "filename"],
  sticker: ["id", "link"],
};

/** Checks an image/video/audio/document/sticker object; returns the media id when one is used. */
export function validateMedia(type: string, media: Obj, path = type): string | null {
  for (const key of Object.keys(media)) {
    if (!MEDIA_KEYS[type]?.includes(key)) throw unknownParam(`${path}['${key}']`);
  }
  const hasId = media.id !== undefined;
  const hasLink = media.link !== undefined;
  if (!hasId && !hasLink) {
    throw new MetaError(131008, { details: `Either ${path}['id'] or ${path}['link'] is required.` });
  }
  if (hasId && hasLink) throw invalid(`Provide ${path}['id'] or ${path}['link'], not both.`);
  optStr(media, "caption", `${path}['caption']`, 1024);
  optStr(media, "filename", `${path}['filename']`, 240);
  if (hasLink) str(media, "link", `${path}['link']`, 2000);
  return hasId ? str(media, "id", `${path}['id']`) : null;
}

function validateLocation(location: Obj): void {
  for (const [key, limit] of [
    ["latitude", 90],
    ["longitude", 180],
  ] as const) {
    const value = location[key];
    if (value === undefined) throw missing(`location['${key}']`);
    const n = typeof value === "string" ? Number(value) : value;
    if (typeof n !== "number" || Number.isNaN(n) || Math.abs(n) > limit) {
      throw invalid(`location['${key}'] must be a number between -${limit} and ${limit}.`);
    }
  }
  optStr(location, "name", "location['name']", 1000);
  optStr(location, "address", "location['address']", 1000);
}

function validateContacts(contacts: unknown): void {
  if (!Array.isArray(contacts) || contacts.length === 0) throw missing("contacts");
  contacts.forEach((c, i) => {
    if (!isObj(c)) throw invalid(`contacts[${i}] must be an object.`);
    str(
      obj(c, "name", `contacts[${i}]['name']`),
      "formatted_name",
      `contacts[${i}]['name']['formatted_name']`,
    );
  });
}

function validateReaction(reaction: Obj): void {
  str(reaction, "message_id", "reaction['message_id']");
  // An empty emoji removes the reaction, so only the type is checked.
  if (reaction.emoji !== undefined && typeof reaction.emoji !== "string")
    throw invalid("reaction['emoji'] must be a string.");
  if (reaction.emoji === undefined) throw missing("reaction['emoji']");
}

function validateButtons(action: Obj): void {
  const buttons = action.buttons;
  if (!Array.isArray(buttons) || buttons.length === 0) throw missing("interactive['action']['buttons']");
  if (buttons.length > 3) throw invalid("interactive['action']['buttons'] must have at most 3 buttons.");
  const ids = new Set<string>();
  const titles = new Set<string>();
  buttons.forEach((b, i) => {
    const path = `interactive['action']['buttons'][${i}]`;
    if (!isObj(b)) throw invalid(`${path} must be an object.`);
    if (b.type !== "reply") throw invalid(`${path}['type'] must be "reply".`);
    const reply = obj(b, "reply", `${path}['reply']`);
    const id = str(reply, "id", `${path}['reply']['id']`, 256);
    const title = str(reply, "title", `${path}['reply']['title']`, 20);
    if (ids.has(id) || titles.has(title)) throw invalid("Button ids and titles must be unique.");
    ids.add(id);
    titles.add(title);
  });
}

function validateList(interactive: Obj, action: Obj): void {
  str(action, "button", "interactive['action']['button']", 20);
  const header = interactive.header;
  if (isObj(header) && header.type !== "text") throw invalid("A list message header must be of type text.");
  const sections = action.sections;
  if (!Array.isArray(sections) || sections.length === 0) throw missing("interactive['action']['sections']");
  if (sections.length > 10) throw invalid("A list message has at most 10 sections.");
  const ids = new Set<string>();
  let rows = 0;
  sections.forEach((s, i) => {
    const path = `interactive['action']['sections'][${i}]`;
    if (!isObj(s)) throw invalid(`${path} must be an object.`);
    if (sections.length > 1) str(s, "title", `${path}['title']`, 24);
    else optStr(s, "title", `${path}['title']`, 24);
    if (!Array.isArray(s.rows) || s.rows.length === 0) throw missing(`${path}['rows']`);
    for (const [j, r] of s.rows.entries()) {
      if (!isObj(r)) throw invalid(`${path}['rows'][${j}] must be an object.`);
      const id = str(r, "id", `${path}['rows'][${j}]['id']`, 200);
      str(r, "title", `${path}['rows'][${j}]['title']`, 24);
      optStr(r, "description", `${path}['rows'][${j}]['description']`, 72);
      if (ids.has(id)) throw invalid("List row ids must be unique.");
      ids.add(id);
      rows++;
    }
  });
  if (rows > 10) throw invalid("A list message has at most 10 rows in total.");
}

/** A button that opens a web page: Meta's `action.name` is `cta_url`, its label at most 20 characters. */
function validateLinkButton(action: Obj): void {
  if (action.name !== "cta_url") throw invalid("interactive['action']['name'] must be \"cta_url\".");
  const parameters = obj(action, "parameters", "interactive['action']['parameters']");
  str(parameters, "display_text", "interactive['action']['parameters']['display_text']", 20);
  const url = str(parameters, "url", "interactive['action']['parameters']['url']");
  if (!/^https?:\/\/[^\s]+$/.test(url))
    throw invalid("interactive['action']['parameters']['url'] is not a valid URL.");
}

const INTERACTIVE_TYPES = [
  "button",
  "list",
  "cta_url",
  "flow",
  "product",
  "product_list",
  "catalog_message",
  "location_request_message",
  "order_details",
  "order_status",
  "address_message",
  "call_permission_request",
  "voice_call",
];

function validateInteractive(interactive: Obj): void {
  const type = str(interactive, "type", "interactive['type']");
  if (!INTERACTIVE_TYPES.includes(type)) throw invalid(`interactive['type'] "${type}" is not supported.`);
  const action = obj(interactive, "action", "interactive['action']");
  const bodyRequired = type !== "product";
  const body = interactive.body;
  if (bodyRequired || body !== undefined) {
    str(
      obj(interactive, "body", "interactive['body']"),
      "text",
      "interactive['body']['text']",
      type === "button" ? 1024 : 4096,
    );
  }
  if (isObj(interactive.footer)) str(interactive.footer, "text", "interactive['footer']['text']", 60);
  const header = interactive.header;
  if (isObj(header) && header.type === "text") str(header, "text", "interactive['header']['text']", 60);
  if (isObj(header) && ["image", "video", "document"].includes(String(header.type))) {
    validateMedia(
      String(header.type),
      obj(header, String(header.type), `interactive['header']['${header.type}']`),
    );
  }
  if (type === "button") validateButtons(action);
  if (type === "list") validateList(interactive, action);
  if (type === "cta_url") validateLinkButton(action);
}

export const SEND_TYPES = [
  "text",
  "image",
  "video",
  "audio",
  "document",
  "sticker",
  "location",
  "contacts",
  "interactive",
  "template",
  "reaction",
];

/**
 * Validates a non-template send body as Meta does at request time: missing → 100, bad value → 131009
 * (or 131008 for a media object with neither id nor link). Returns the media id it refers to, if any.
 */
export function validateContent(type: string, body: Obj): string | null {
  if (!SEND_TYPES.includes(type)) {
    throw new MetaError(100, {
      message: `(#100) Param type must be one of {${SEND_TYPES.map((t) => t.toUpperCase()).join(", ")}} - got "${type}".`,
    });
  }
  if (type === "contacts") {
    validateContacts(body.contacts);
    return null;
  }
  const content = obj(body, type, type);
  if (type === "text") {
    str(content, "body", "text['body']", 4096);
    if (content.preview_url !== undefined && typeof content.preview_url !== "boolean") {
      throw invalid("text['preview_url'] must be a boolean.");
    }
  }
  if (type in MEDIA_KEYS) return validateMedia(type, content);
  if (type === "location") validateLocation(content);
  if (type === "reaction") validateReaction(content);
  if (type === "interactive") validateInteractive(content);
  return null;
}
