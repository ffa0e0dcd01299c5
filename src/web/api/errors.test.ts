import { describe, expect, it } from "vitest";
import { ERROR_CODES, ERROR_STATUS, ErrorCode, isErrorCode } from "../../contracts/constants";
import { CATALOGUES } from "../i18n/catalogues";
import { createFormatters } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import { ApiError, type ApiErrorCode } from "./client";
import { describeError, failedWith } from "./errors";

const SERVER_WORDS = "server words in English";
const CLIENT_CODES: ApiErrorCode[] = ["network_error", "unknown_error"];
const LOCALES = Object.keys(CATALOGUES) as Locale[];

describe("describeError", () => {
  it("words every code in every language, never with the server's message", () => {
    for (const locale of LOCALES) {
      const fmt = createFormatters(locale);
      for (const code of [...ERROR_CODES, ...CLIENT_CODES]) {
        const status = isErrorCode(code) ? ERROR_STATUS[code] : 0;
        const headline = describeError(new ApiError(status, code, SERVER_WORDS), CATALOGUES[locale], fmt);
        expect(headline.trim(), `${locale} ${code}`).not.toBe("");
        expect(headline, `${locale} ${code}`).not.toContain(SERVER_WORDS);
      }
    }
  });

  it("gives each code its own words, so no refusal reads as another", () => {
    for (const locale of LOCALES) {
      const words = Object.values(CATALOGUES[locale].errors.codes);
      expect(new Set(words).size, locale).toBe(words.length);
    }
  });

  it("says how long to wait when the server said it", () => {
    const limited = new ApiError(429, ErrorCode.rateLimited, SERVER_WORDS, 120);
    expect(describeError(limited, CATALOGUES.en, createFormatters("en"))).toMatch(/2 minutes/);
    const unsaid = new ApiError(429, ErrorCode.rateLimited, SERVER_WORDS);
    expect(describeError(unsaid, CATALOGUES.en, createFormatters("en"))).toBe(
      CATALOGUES.en.errors.codes.rate_limited,
    );
  });

  it("tells a code apart from a failure that is not an API answer", () => {
    expect(failedWith(new ApiError(409, ErrorCode.conflict, SERVER_WORDS), ErrorCode.conflict)).toBe(true);
    expect(failedWith(new Error("conflict"), ErrorCode.conflict)).toBe(false);
    expect(describeError(new Error("boom"), CATALOGUES.fr, createFormatters("fr"))).toBe(
      CATALOGUES.fr.errors.generic,
    );
  });
});
