import { describe, expect, it } from "vitest";
import { describeCatalogues } from "../../../test/support/catalogues";
import { CATALOGUES } from "./catalogues";
import { createFormatters } from "./format";
import { plural } from "./plural";

describeCatalogues("catalogues", CATALOGUES);

describe("plurals and formats", () => {
  it("follow CLDR: French 0 is singular, Arabic has a dual", () => {
    const forms = { one: "one", two: "two", few: "few", many: "many", zero: "zero", other: "other" };
    expect(plural("fr-MA", 0, forms)).toBe("one");
    expect(plural("fr-MA", 2, forms)).toBe("other");
    expect(plural("ar-MA", 2, forms)).toBe("two");
    expect(plural("ar-MA", 5, forms)).toBe("few");
    expect(plural("ar-MA", 11, forms)).toBe("many");
  });

  it("print Western digits and a 24 h clock in Moroccan Arabic", () => {
    const ar = createFormatters("ar");
    expect(ar.number(1234)).toMatch(/^1.?234$/u);
    expect(ar.dateTime("2026-03-14T15:05:00Z")).toMatch(/\d{2}:\d{2}/);
    expect(ar.dateTime("2026-03-14T15:05:00Z")).not.toMatch(/[٠-٩]/);
  });

  it("turn a Retry-After into words, seconds then whole minutes", () => {
    const fmt = createFormatters("fr");
    expect(fmt.waitDuration(30)).toMatch(/^30\s?secondes$/u);
    expect(fmt.waitDuration(900)).toMatch(/^15\s?minutes$/u);
  });
});
