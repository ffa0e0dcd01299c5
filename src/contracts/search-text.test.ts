import { describe, expect, it } from "vitest";
import { foldForSearch, searchMatches, searchSnippet } from "./search-text";

describe("search folding and snippets", () => {
  it("folds accents, case, ligatures, Arabic harakat, tatweel and hamza'd alefs", () => {
    expect(foldForSearch("Diplôme de l'École")).toBe("diplome de l'ecole");
    expect(foldForSearch("Œuvre")).toBe("oeuvre");
    expect(foldForSearch("مُحَمَّـــد أحمد إسلام")).toBe("محمد احمد اسلام");
  });

  it("finds matches in the original text, accents and harakat included", () => {
    const text = "Voici mon Diplôme et mon diplome";
    expect(searchMatches(text, "DIPLOME").map(([s, e]) => text.slice(s, e))).toEqual(["Diplôme", "diplome"]);
    const arabic = "أنا مُهَنْدِس";
    expect(searchMatches(arabic, "مهندس").map(([s, e]) => arabic.slice(s, e))).toEqual(["مُهَنْدِس"]);
    expect(searchMatches(text, "  ")).toEqual([]);
  });

  it("matches one or two characters at the start of words only", () => {
    expect(searchMatches("mon diplôme", "di")).toEqual([[4, 6]]);
    expect(searchMatches("Candidat", "di")).toEqual([]);
    expect(searchMatches("l'École", "ec")).toEqual([[2, 4]]);
  });

  it("cuts a long text around the first match, at words, with the matches marked", () => {
    const text = `${"Bonjour madame, ".repeat(10)}je vous envoie mon Diplôme de technicien et mon CV complet ${"merci ".repeat(20)}`;
    const parts = searchSnippet(text, "diplome")!;
    expect(parts.filter((part) => part.isMatch).map((part) => part.text)).toEqual(["Diplôme"]);
    expect(parts[0]).toEqual({ text: "…", isMatch: false });
    expect(parts.at(-1)).toEqual({ text: "…", isMatch: false });
    expect(parts.map((part) => part.text).join("").length).toBeLessThan(130);
    expect(searchSnippet("Court", "court")).toEqual([{ text: "Court", isMatch: true }]);
    expect(searchSnippet("Court", "long")).toBeUndefined();
  });
});
