import { describe, expect, it } from "vitest";
import { formField } from "../components/builder/useTemplateBuilder";
import { languageLabel, templateLabel } from "../names";
import {
  cleanContent,
  editProblemField,
  emptyContent,
  fromServerField,
  insertAt,
  nextPositional,
} from "./draft";

describe("template names", () => {
  it("reads the starter pack's names in the interface's language and humanises the rest", () => {
    expect(templateLabel("job_opportunity", "fr")).toBe("Offre d’emploi");
    expect(templateLabel("job_opportunity", "en")).toBe("Job opportunity");
    expect(templateLabel("job_fair_invitation", "fr")).toBe("Job fair invitation");
  });

  it("names languages in their own words, whatever the region", () => {
    expect(languageLabel("fr")).toBe("Français");
    expect(languageLabel("ar")).toBe("العربية");
    expect(languageLabel("en_US")).toBe("English");
  });
});

describe("the builder's draft", () => {
  it("inserts a variable at the caret with spaces where words would touch it", () => {
    expect(insertAt("Bonjour ", 8, 8, "first_name")).toEqual({ text: "Bonjour {{first_name}} ", caret: 23 });
    expect(insertAt("Bonjour, à demain", 7, 7, "1").text).toBe("Bonjour {{1}}, à demain");
  });

  it("numbers the next positional variable after the highest of header and body", () => {
    const content = emptyContent();
    content.body.text = "Bonjour {{1}}, poste {{3}}";
    content.header = { format: "TEXT", text: "Entretien {{2}}", examples: {} };
    expect(nextPositional(content)).toBe("4");
  });

  it("sends only the samples of the variables still in the text, and no empty footer", () => {
    const content = emptyContent();
    content.body = {
      text: "Bonjour {{first_name}}, à bientôt",
      examples: { first_name: "Ana", city: "Rabat" },
    };
    content.footer = "  ";
    expect(cleanContent(content, "NAMED")).toMatchObject({
      body: { examples: { first_name: "Ana" } },
      footer: null,
    });
  });

  it("keeps a problem with its language, and reads the server's paths", () => {
    expect(formField("translations.1.body.text", ["fr", "ar"])).toBe("lang:ar.body.text");
    expect(fromServerField("body.translations.0.name")).toBe("translations.0.name");
    expect(editProblemField("body.content.buttons.0.text")).toBe("translations.0.buttons.0.text");
  });
});
