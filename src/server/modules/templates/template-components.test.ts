import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type TemplateContentDraft,
  type TemplateParameterFormat,
  validateTemplateContent,
} from "../../../contracts/template-rules";
import type { SimContext } from "../../../simulator/context";
import { checkComponents } from "../../../simulator/graph/template-checks";
import { contentOf, toMetaComponents } from "./template-components";

const positional: TemplateContentDraft = {
  header: { format: "TEXT", text: "Poste de {{1}}", examples: { "1": "Comptable" } },
  body: {
    text: "Bonjour {{1}}, votre entretien du {{2}} est confirmé, à très bientôt.",
    examples: { "1": "Salma", "2": "12 mars" },
  },
  footer: "LinkoJob",
  buttons: [
    { type: "QUICK_REPLY", text: "Je confirme" },
    { type: "URL", text: "Voir l'offre", url: "https://jobs.example.ma/o/{{1}}", example: "42" },
    { type: "PHONE_NUMBER", text: "Appeler", phoneNumber: "+212661234567" },
    { type: "COPY_CODE", example: "ENTRETIEN42" },
  ],
};

const named: TemplateContentDraft = {
  header: { format: "DOCUMENT", mediaHandle: "4::cGRm:handle" },
  body: {
    text: "Bonjour {{first_name}}, voici la fiche du poste de {{job}} chez nous.",
    examples: { first_name: "Ali", job: "Chef" },
  },
  footer: null,
  buttons: [],
};

describe("Meta's components of a draft", () => {
  it("writes the examples as Meta reads them: positional lists, named params, whole links", () => {
    expect(toMetaComponents(positional, "POSITIONAL")).toEqual([
      { type: "HEADER", format: "TEXT", text: "Poste de {{1}}", example: { header_text: ["Comptable"] } },
      { type: "BODY", text: positional.body.text, example: { body_text: [["Salma", "12 mars"]] } },
      { type: "FOOTER", text: "LinkoJob" },
      {
        type: "BUTTONS",
        buttons: [
          { type: "QUICK_REPLY", text: "Je confirme" },
          {
            type: "URL",
            text: "Voir l'offre",
            url: "https://jobs.example.ma/o/{{1}}",
            example: ["https://jobs.example.ma/o/42"],
          },
          { type: "PHONE_NUMBER", text: "Appeler", phone_number: "+212661234567" },
          { type: "COPY_CODE", example: "ENTRETIEN42" },
        ],
      },
    ]);
    expect(toMetaComponents(named, "NAMED")[1]).toEqual({
      type: "BODY",
      text: named.body.text,
      example: {
        body_text_named_params: [
          { param_name: "first_name", example: "Ali" },
          { param_name: "job", example: "Chef" },
        ],
      },
    });
  });

  it.each<[string, TemplateContentDraft, TemplateParameterFormat]>([
    ["positional", positional, "POSITIONAL"],
    ["named with a document header", named, "NAMED"],
  ])("reads back what it wrote (%s)", (_what, content, format) => {
    expect(contentOf(toMetaComponents(content, format), format)).toEqual(content);
  });

  it("gives no form content for what the studio does not write", () => {
    expect(contentOf([{ type: "CAROUSEL", cards: [] }], "POSITIONAL")).toBeNull();
    expect(
      contentOf(
        [
          { type: "BODY", text: "x" },
          { type: "BUTTONS", buttons: [{ type: "OTP" }] },
        ],
        "POSITIONAL",
      ),
    ).toBeNull();
  });
});

describe("the shared rules and the simulated Meta agree", () => {
  const simulator = { state: { uploads: [] } } as unknown as SimContext;
  const word = fc.stringMatching(/^[a-zéèàç]{1,8}$/);
  const gap = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
  const body = fc
    .integer({ min: 0, max: 6 })
    .chain((count) =>
      fc.tuple(fc.constant(count), fc.array(gap, { minLength: count + 1, maxLength: count + 1 })),
    )
    .map(([count, gaps]) => ({
      text: gaps.map((g, i) => (i < count ? `${g} {{${i + 1}}}` : `${g}.`)).join(" "),
      examples: Object.fromEntries(Array.from({ length: count }, (_, i) => [String(i + 1), "x"])),
    }));
  const content = fc.record({
    header: fc.constantFrom<TemplateContentDraft["header"]>(null, {
      format: "TEXT",
      text: "Offre {{1}}",
      examples: { "1": "x" },
    }),
    body,
    footer: fc.constantFrom(null, "LinkoJob", `Équipe ${"r".repeat(60)}`),
    buttons: fc.array(
      fc.constantFrom<TemplateContentDraft["buttons"][number]>(
        { type: "QUICK_REPLY", text: "Oui" },
        { type: "URL", text: "Lien", url: "https://a.ma/{{1}}", example: "1" },
      ),
      { maxLength: 3 },
    ),
  });

  it("Meta takes every content the rules accept (the rules may be stricter, never looser)", () => {
    fc.assert(
      fc.property(content, (draft) => {
        const accepted = validateTemplateContent(draft, "POSITIONAL").length === 0;
        let metaTakes = true;
        try {
          checkComponents(simulator, toMetaComponents(draft, "POSITIONAL"), "POSITIONAL");
        } catch {
          metaTakes = false;
        }
        if (accepted) expect(metaTakes).toBe(true);
      }),
    );
  });
});
