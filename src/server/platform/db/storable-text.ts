/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units: no `u` flag). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * What PostgreSQL refuses that JSON allows: U+0000 (in `text`, and as `\u0000` in `jsonb`), and
 * lone UTF-16 surrogates (`\ud800` alone: `jsonb` refuses the escape, and `text` would get U+FFFD
 * silently from the driver's UTF-8 encoding). A value holding either fails its whole statement, so
 * text that comes from outside is made storable once, where it enters: NUL removed, a lone
 * surrogate replaced by U+FFFD, everything else unchanged.
 */
export function storableText(text: string): string {
  const withoutNul = text.includes("\0") ? text.replaceAll("\0", "") : text;
  return withoutNul.replace(LONE_SURROGATE, "\ufffd");
}

/** A parsed JSON value with every string and every key made storable (a copy; the input is left as is). */
export function storableJson(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [storableText(key), storableJson(item)]),
    );
  return value;
}

/**
 * Whether JSON text may hold what `storableText` removes: a `\u0000` escape or an escaped surrogate
 * (a raw NUL is taken out before parsing, and text decoded from UTF-8 never has a lone surrogate).
 * Most deliveries have neither, and skip the copy.
 */
export const mayNeedStorableJson = (json: string): boolean => /\\u(?:0000|d[89a-f])/i.test(json);
