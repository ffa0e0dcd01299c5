import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language-detection";

describe("detectLanguage", () => {
  it("reads Arabic from Arabic letters, even beside Latin words", () => {
    expect(detectLanguage("السلام عليكم، بغيت نخدم")).toBe("ar");
    expect(detectLanguage("نعم")).toBe("ar");
    expect(detectLanguage("Bonjour, مرحبا")).toBe("ar");
  });

  it("reads French from its common words, accents and apostrophes included", () => {
    expect(detectLanguage("Bonjour, je suis intéressée par le poste")).toBe("fr");
    expect(detectLanguage("Oui, j’ai postulé hier mais pas de réponse")).toBe("fr");
    expect(detectLanguage("MERCI POUR VOTRE RÉPONSE")).toBe("fr");
  });

  it("reads English from its common words", () => {
    expect(detectLanguage("Hello, I am interested in the job")).toBe("en");
    expect(detectLanguage("I'm available this evening")).toBe("en");
  });

  it("decides nothing on a text too short or mixed to tell", () => {
    for (const text of ["ok", "OK!", "👍", "0612345678", "٠٦١٢", "merci", "hello", "", null, undefined])
      expect(detectLanguage(text), String(text)).toBeNull();
    // Darija in Latin letters: neither French nor English.
    expect(detectLanguage("salam labas, bghit nkhdem")).toBeNull();
    // As many words of each: no clear language.
    expect(detectLanguage("merci thank you pour the")).toBeNull();
  });
});
