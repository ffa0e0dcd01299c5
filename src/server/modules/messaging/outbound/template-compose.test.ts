import { describe, expect, it } from "vitest";
import type { TemplateSendInput } from "../../../../contracts/messages";
import { AppError } from "../../../platform/errors";
import type { TemplateRow } from "../../templates/templates.repository";
import { composeTemplate } from "./template-compose";

/**
 * `composeTemplate` seen from outside only: a stored template and what the recruiter filled in, in;
 * Meta's `components` and the text the candidate reads, or a validation error naming the field, out.
 */

type Components = Record<string, unknown>[];
type Filled = Omit<TemplateSendInput, "name" | "language">;

const template = (components: Components, parameterFormat: TemplateRow["parameterFormat"] = "POSITIONAL") =>
  ({
    id: "00000000-0000-7000-8000-000000000001",
    clientId: "00000000-0000-7000-8000-000000000002",
    connectionId: "00000000-0000-7000-8000-000000000003",
    metaTemplateId: "meta-template",
    name: "job_opportunity",
    language: "fr",
    category: "MARKETING",
    previousCategory: null,
    status: "APPROVED",
    qualityScore: null,
    pacing: null,
    pacingAt: null,
    parameterFormat,
    components,
    rejectionReason: null,
    statusReason: null,
    approvedEdits: [],
    lastChangedAt: new Date(0),
    syncedAt: new Date(0),
  }) satisfies TemplateRow;

const compose = (components: Components, filled: Filled, format?: TemplateRow["parameterFormat"]) =>
  composeTemplate(template(components, format), { name: "job_opportunity", language: "fr", ...filled });

/** The field a refusal names, as the API reports it. */
function refusedField(components: Components, filled: Filled, format?: TemplateRow["parameterFormat"]) {
  try {
    compose(components, filled, format);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.statusCode).toBe(400);
    return (error.details as { field: string }[])[0]!.field;
  }
  throw new Error("the values were accepted");
}

const body = (text: string) => ({ type: "BODY", text });
const values = (...texts: string[]) => texts.map((text) => ({ text }));
const textParameters = (...texts: string[]) => texts.map((text) => ({ type: "text", text }));

const jobOffer = [
  { type: "HEADER", format: "TEXT", text: "Offre : {{1}}" },
  body("Bonjour {{1}}, un poste de {{2}} vous attend à {{3}}."),
  { type: "FOOTER", text: "LinkoJob" },
  {
    type: "BUTTONS",
    buttons: [
      { type: "QUICK_REPLY", text: "Intéressé(e)" },
      { type: "URL", text: "Voir l'offre", url: "https://linkojob.ma/offres/{{1}}" },
      { type: "COPY_CODE", text: "Copier le code" },
      { type: "URL", text: "Le site", url: "https://linkojob.ma" },
    ],
  },
];
const jobOfferValues: Filled = {
  headerText: values("soudeur"),
  body: values("Youssef", "soudeur", "Tanger"),
  buttons: [{ index: 1, subType: "url", value: "4242" }],
};

describe("composeTemplate: the right values", () => {
  it.each<[string, Components, Filled, TemplateRow["parameterFormat"], unknown[], string]>([
    [
      "a body's positional values, in order",
      [body("Bonjour {{1}}, un poste de {{2}} à {{3}}.")],
      { body: values("Youssef", "soudeur", "Tanger") },
      "POSITIONAL",
      [{ type: "body", parameters: textParameters("Youssef", "soudeur", "Tanger") }],
      "Bonjour Youssef, un poste de soudeur à Tanger.",
    ],
    [
      "a body without placeholders, and no values",
      [body("Merci pour votre candidature.")],
      {},
      "POSITIONAL",
      [],
      "Merci pour votre candidature.",
    ],
    [
      "one value for a placeholder used twice",
      [body("{{1}}, oui, {{1}} !")],
      { body: values("Amina") },
      "POSITIONAL",
      [{ type: "body", parameters: textParameters("Amina") }],
      "Amina, oui, Amina !",
    ],
    [
      "a value holding what looks like a replacement pattern, kept as typed",
      [body("Salaire : {{1}}")],
      { body: values("$& et $1") },
      "POSITIONAL",
      [{ type: "body", parameters: textParameters("$& et $1") }],
      "Salaire : $& et $1",
    ],
    [
      "named values given in any order, sent in the template's with their names",
      [body("Bonjour {{first_name}}, poste : {{job}}")],
      {
        body: [
          { name: "job", text: "soudeur" },
          { name: "first_name", text: "Youssef" },
        ],
      },
      "NAMED",
      [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Youssef", parameter_name: "first_name" },
            { type: "text", text: "soudeur", parameter_name: "job" },
          ],
        },
      ],
      "Bonjour Youssef, poste : soudeur",
    ],
  ])("sends %s", (_, components, filled, format, metaComponents, rendered) => {
    expect(compose(components, filled, format)).toEqual({ components: metaComponents, rendered });
  });

  it("sends a header's, a body's and a link button's values; the candidate reads header, body and footer", () => {
    expect(compose(jobOffer, jobOfferValues)).toEqual({
      components: [
        { type: "header", parameters: textParameters("soudeur") },
        { type: "body", parameters: textParameters("Youssef", "soudeur", "Tanger") },
        { type: "button", sub_type: "url", index: "1", parameters: [{ type: "text", text: "4242" }] },
      ],
      rendered: "Offre : soudeur\n\nBonjour Youssef, un poste de soudeur vous attend à Tanger.\n\nLinkoJob",
    });
  });

  it("sends a quick reply's payload and a code to copy when given, each with its button's index", () => {
    const { components } = compose(jobOffer, {
      ...jobOfferValues,
      buttons: [
        { index: 0, subType: "quick_reply", value: "INTERESTED" },
        { index: 1, subType: "url", value: "4242" },
        { index: 2, subType: "copy_code", value: "BIENVENUE" },
      ],
    });
    expect(components.filter((c) => c.type === "button")).toEqual([
      {
        type: "button",
        sub_type: "quick_reply",
        index: "0",
        parameters: [{ type: "payload", payload: "INTERESTED" }],
      },
      { type: "button", sub_type: "url", index: "1", parameters: [{ type: "text", text: "4242" }] },
      {
        type: "button",
        sub_type: "copy_code",
        index: "2",
        parameters: [{ type: "coupon_code", coupon_code: "BIENVENUE" }],
      },
    ]);
  });

  it("sends nothing for a link without a placeholder, whatever is given for it", () => {
    const { components } = compose(jobOffer, {
      ...jobOfferValues,
      buttons: [...jobOfferValues.buttons!, { index: 3, subType: "url", value: "ignored" }],
    });
    expect(components.filter((c) => c.type === "button").map((c) => c.index)).toEqual(["1"]);
  });

  it.each([
    [
      "an image",
      "IMAGE",
      { kind: "image", link: "https://cdn.example/offre.jpg", filename: "x.jpg" },
      {
        type: "image",
        image: { link: "https://cdn.example/offre.jpg" },
      },
    ],
    [
      "a document with its file name",
      "DOCUMENT",
      { kind: "document", link: "https://cdn.example/fiche.pdf", filename: "Fiche de poste.pdf" },
      {
        type: "document",
        document: { link: "https://cdn.example/fiche.pdf", filename: "Fiche de poste.pdf" },
      },
    ],
    [
      "a video",
      "VIDEO",
      { kind: "video", link: "https://cdn.example/atelier.mp4" },
      {
        type: "video",
        video: { link: "https://cdn.example/atelier.mp4" },
      },
    ],
  ] as const)("sends a header's media: %s", (_, format, headerMedia, parameter) => {
    const { components, rendered } = compose([{ type: "HEADER", format }, body("Voici l'offre.")], {
      headerMedia,
    });
    expect(components).toEqual([{ type: "header", parameters: [parameter] }]);
    expect(rendered).toBe("Voici l'offre.");
  });
});

describe("composeTemplate: refused before anything is sent, naming the field", () => {
  const threeValues = [body("Bonjour {{1}}, un poste de {{2}} à {{3}}.")];
  it.each<[string, Components, Filled, TemplateRow["parameterFormat"], string]>([
    [
      "a body value missing",
      threeValues,
      { body: values("Youssef", "soudeur") },
      "POSITIONAL",
      "body.template.body",
    ],
    ["every body value missing", threeValues, {}, "POSITIONAL", "body.template.body"],
    [
      "an extra body value",
      threeValues,
      { body: values("Youssef", "soudeur", "Tanger", "CDI") },
      "POSITIONAL",
      "body.template.body",
    ],
    [
      "values for a body without placeholders",
      [body("Merci.")],
      { body: values("x") },
      "POSITIONAL",
      "body.template.body",
    ],
    [
      "a blank positional value, by its position",
      threeValues,
      { body: values("Youssef", "  ", "Tanger") },
      "POSITIONAL",
      "body.template.body.1",
    ],
    [
      "a named value under another name",
      [body("Bonjour {{first_name}}")],
      { body: [{ name: "firstname", text: "Youssef" }] },
      "NAMED",
      "body.template.body",
    ],
    [
      "named values given without names",
      [body("Bonjour {{first_name}}")],
      { body: values("Youssef") },
      "NAMED",
      "body.template.body",
    ],
    [
      "the header's value missing",
      jobOffer,
      { ...jobOfferValues, headerText: [] },
      "POSITIONAL",
      "body.template.headerText",
    ],
    [
      "a link button's value missing",
      jobOffer,
      { ...jobOfferValues, buttons: [] },
      "POSITIONAL",
      "body.template.buttons.1",
    ],
    [
      "a header's image missing",
      [{ type: "HEADER", format: "IMAGE" }, body("Voici l'offre.")],
      {},
      "POSITIONAL",
      "body.template.headerMedia",
    ],
  ])("%s", (_, components, filled, format, field) => {
    expect(refusedField(components, filled, format)).toBe(field);
  });

  it("says which named value is missing", () => {
    expect(() =>
      compose(
        [body("Bonjour {{first_name}}, poste : {{job}}")],
        {
          body: [
            { name: "first_name", text: "Youssef" },
            { name: "city", text: "Tanger" },
          ],
        },
        "NAMED",
      ),
    ).toThrow(/\{\{job\}\}/);
  });
});
