import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isValidSignature } from "./verify-signature";

const secret = "app-secret";
const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
const hex = createHmac("sha256", secret).update(body).digest("hex");

describe("X-Hub-Signature-256", () => {
  it("accepts exactly sha256= and the 64 hex digits of the HMAC, in either case", () => {
    expect(isValidSignature(body, `sha256=${hex}`, secret)).toBe(true);
    expect(isValidSignature(body, `sha256=${hex.toUpperCase()}`, secret)).toBe(true);
  });

  it("refuses anything around or inside the digits that a lenient hex decoder would skip", () => {
    for (const header of [
      `sha256=${hex}zz`, // Buffer.from(…, "hex") stops at the first non-hex character
      `sha256=${hex}0`,
      `sha256=${hex}00`,
      `sha256= ${hex}`,
      `sha256=${hex} `,
      ` sha256=${hex}`,
      `sha256=${hex.slice(0, 63)}`,
      `sha256=${hex.slice(0, 62)}zz`,
      `SHA256=${hex}`,
      `sha1=${hex}`,
      `sha256=${hex},sha256=${hex}`,
      "sha256=",
      "",
    ])
      expect(isValidSignature(body, header, secret), header).toBe(false);
    expect(isValidSignature(body, undefined, secret)).toBe(false);
  });

  it("refuses a signature of other bytes or another secret", () => {
    expect(isValidSignature(Buffer.from(`${body} `), `sha256=${hex}`, secret)).toBe(false);
    expect(isValidSignature(body, `sha256=${hex}`, "other-secret")).toBe(false);
  });
});
