import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  minimumWordsFor,
  nextEditAllowedAt,
  type TemplateButtonDraft,
  type TemplateDraft,
  type TemplateTranslationDraft,
  templateAvailability,
  templateEditRefusal,
  templateRuleOfMetaSubcode,
  validateTemplateDraft,
  variableNames,
} from "./template-rules";

const BODY = "Bonjour {{1}}, merci pour votre candidature, nous revenons vers vous très vite.";

function translation(overrides: Partial<TemplateTranslationDraft> = {}): TemplateTranslationDraft {
  return {
    language: "fr",
    header: null,
    body: { text: BODY, examples: { "1": "Salma" } },
    footer: null,
    buttons: [],
    ...overrides,
  };
}

function draft(
  overrides: Partial<TemplateDraft> = {},
  t: Partial<TemplateTranslationDraft> = {},
): TemplateDraft {
  return {
    name: "candidature_recue",
    category: "UTILITY",
    parameterFormat: "POSITIONAL",
    translations: [translation(t)],
    ...overrides,
  };
}

const codes = (d: TemplateDraft) => validateTemplateDraft(d).map((p) => `${p.field} ${p.code}`);
const quick = (text: string): TemplateButtonDraft => ({ type: "QUICK_REPLY", text });
const url = (link: string, example?: string): TemplateButtonDraft => ({
  type: "URL",
  text: "Voir l'offre",
  url: link,
  ...(example === undefined ? {} : { example }),
});

describe("validateTemplateDraft", () => {
  it("accepts a well-formed draft in three languages, named variables included", () => {
    const named = (language: "fr" | "ar" | "en", text: string): TemplateTranslationDraft => ({
      ...translation({ language }),
      header: { format: "TEXT", text: "Poste de {{job_title}}", examples: { job_title: "Comptable" } },
      body: { text, examples: { first_name: "Salma", job_title: "Comptable" } },
      footer: "LinkoJob",
      buttons: [quick("Je confirme"), quick("Changer"), url("https://jobs.example.ma/o/{{1}}", "42")],
    });
    expect(
      validateTemplateDraft({
        name: "entretien",
        category: "UTILITY",
        parameterFormat: "NAMED",
        translations: [
          named(
            "fr",
            "Bonjour {{first_name}}, votre entretien pour {{job_title}} est confirmé demain matin.",
          ),
          named("ar", "مرحبا {{first_name}}، مقابلتك لوظيفة {{job_title}} مؤكدة صباح الغد إن شاء الله."),
          named(
            "en",
            "Hello {{first_name}}, your interview for {{job_title}} is confirmed for tomorrow morning.",
          ),
        ],
      }),
    ).toEqual([]);
  });

  it.each<[string, TemplateDraft, string]>([
    ["an empty name", draft({ name: "" }), "name name_required"],
    ["capitals in the name", draft({ name: "Offre_Emploi" }), "name name_format"],
    ["a name over 512", draft({ name: "a".repeat(513) }), "name name_too_long"],
    ["an authentication template", draft({ category: "AUTHENTICATION" }), "category category_unsupported"],
    ["no language", draft({ translations: [] }), "translations translations_required"],
    [
      "a language twice",
      draft({ translations: [translation(), translation()] }),
      "translations.1.language language_duplicate",
    ],
    [
      "a language not offered",
      draft({ translations: [{ ...translation(), language: "de" as "fr" }] }),
      "translations.0.language language_unsupported",
    ],
    [
      "an empty body",
      draft({}, { body: { text: "  ", examples: {} } }),
      "translations.0.body.text body_required",
    ],
    [
      "a body over 1024 characters",
      draft({}, { body: { text: `Bonjour ${"a".repeat(1020)}`, examples: {} } }),
      "translations.0.body.text body_too_long",
    ],
    [
      "a variable at the start",
      draft({}, { body: { text: "{{1}}, merci pour votre candidature chez nous.", examples: { "1": "A" } } }),
      "translations.0.body.text variable_at_edge",
    ],
    [
      "a variable at the end, before punctuation",
      draft(
        {},
        { body: { text: "Merci pour votre candidature chez nous, {{1}} !", examples: { "1": "A" } } },
      ),
      "translations.0.body.text variable_at_edge",
    ],
    [
      "adjacent variables",
      draft(
        {},
        {
          body: {
            text: "Bonjour {{1}}, {{2}} merci pour votre candidature chez nous.",
            examples: { "1": "A", "2": "B" },
          },
        },
      ),
      "translations.0.body.text variables_adjacent",
    ],
    [
      "a gap in positional variables",
      draft(
        {},
        {
          body: {
            text: "Bonjour {{1}}, le poste de {{3}} vous attend chez nous demain.",
            examples: { "1": "A", "3": "C" },
          },
        },
      ),
      "translations.0.body.text variables_not_sequential",
    ],
    [
      "too many variables for the length (Meta's 2388293)",
      draft(
        {},
        {
          body: {
            text: "Bonjour {{1}}, poste {{2}} à {{3}} ok.",
            examples: { "1": "A", "2": "B", "3": "C" },
          },
        },
      ),
      "translations.0.body.text too_many_variables",
    ],
    [
      "a named variable in a positional draft",
      draft({}, { body: { text: "Bonjour {{first_name}}, merci pour votre candidature.", examples: {} } }),
      "translations.0.body.text variable_name_format",
    ],
    [
      "a malformed variable",
      draft({}, { body: { text: "Bonjour {{Prénom}}, merci pour votre candidature.", examples: {} } }),
      "translations.0.body.text variable_malformed",
    ],
    [
      "unbalanced braces",
      draft({}, { body: { text: "Bonjour {{1}, merci pour votre candidature chez nous.", examples: {} } }),
      "translations.0.body.text variable_malformed",
    ],
    [
      "a missing example",
      draft({}, { body: { text: BODY, examples: {} } }),
      "translations.0.body.examples.1 example_required",
    ],
    [
      "an example with a new line",
      draft({}, { body: { text: BODY, examples: { "1": "Sal\nma" } } }),
      "translations.0.body.examples.1 example_format",
    ],
    [
      "a header over 60 characters",
      draft({}, { header: { format: "TEXT", text: "a".repeat(61), examples: {} } }),
      "translations.0.header.text header_text_too_long",
    ],
    [
      "two variables in the header",
      draft({}, { header: { format: "TEXT", text: "{{1}} et {{2}}", examples: { "1": "a", "2": "b" } } }),
      "translations.0.header.text header_too_many_variables",
    ],
    [
      "an emoji in the header",
      draft({}, { header: { format: "TEXT", text: "Entretien 🎉", examples: {} } }),
      "translations.0.header.text header_text_format",
    ],
    [
      "a media header without a sample",
      draft({}, { header: { format: "IMAGE", mediaHandle: "" } }),
      "translations.0.header.mediaHandle header_media_required",
    ],
    ["a footer over 60", draft({}, { footer: "a".repeat(61) }), "translations.0.footer footer_too_long"],
    [
      "a variable in the footer",
      draft({}, { footer: "Equipe {{1}}" }),
      "translations.0.footer footer_format",
    ],
    [
      "eleven buttons",
      draft({}, { buttons: Array.from({ length: 11 }, (_, i) => quick(`Choix ${i}`)) }),
      "translations.0.buttons buttons_too_many",
    ],
    [
      "three links",
      draft({}, { buttons: [url("https://a.ma"), url("https://b.ma"), url("https://c.ma")] }),
      "translations.0.buttons buttons_type_limit",
    ],
    [
      "quick replies split by a link",
      draft({}, { buttons: [quick("Oui"), url("https://a.ma"), quick("Non")] }),
      "translations.0.buttons quick_replies_not_grouped",
    ],
    [
      "a quick reply over 25 characters",
      draft({}, { buttons: [quick("Oui, je suis très intéressé")] }),
      "translations.0.buttons.0.text button_text_too_long",
    ],
    [
      "two buttons with one label",
      draft({}, { buttons: [quick("Oui"), quick("oui")] }),
      "translations.0.buttons.1.text button_text_duplicate",
    ],
    [
      "a link that is not one",
      draft({}, { buttons: [url("jobs.example.ma")] }),
      "translations.0.buttons.0.url url_format",
    ],
    [
      "a link over 2000",
      draft({}, { buttons: [url(`https://a.ma/${"x".repeat(2000)}`)] }),
      "translations.0.buttons.0.url url_too_long",
    ],
    [
      "a link variable not at the end",
      draft({}, { buttons: [url("https://a.ma/{{1}}/apply", "42")] }),
      "translations.0.buttons.0.url url_variable_position",
    ],
    [
      "a link variable without a sample",
      draft({}, { buttons: [url("https://a.ma/o/{{1}}")] }),
      "translations.0.buttons.0.example url_example_required",
    ],
    [
      "a phone number in local form",
      draft({}, { buttons: [{ type: "PHONE_NUMBER", text: "Appeler", phoneNumber: "0661234567" }] }),
      "translations.0.buttons.0.phoneNumber phone_format",
    ],
    [
      "a copy code without a sample",
      draft({}, { buttons: [{ type: "COPY_CODE", example: "" }] }),
      "translations.0.buttons.0.example copy_code_example_required",
    ],
    [
      "a copy code over 15",
      draft({}, { buttons: [{ type: "COPY_CODE", example: "A".repeat(16) }] }),
      "translations.0.buttons.0.example copy_code_example_too_long",
    ],
  ])("reports %s", (_what, given, expected) => {
    expect(codes(given)).toContain(expected);
  });

  it("gives each problem English words and the figures the dashboard quotes", () => {
    const [problem] = validateTemplateDraft(draft({}, { footer: "a".repeat(70) }));
    expect(problem).toEqual({
      field: "translations.0.footer",
      code: "footer_too_long",
      message: "The footer is longer than 60 characters",
      params: { max: 60, length: 70 },
    });
  });

  it("counts characters as Meta does: an Arabic letter or an emoji is one", () => {
    const arabic = "ب".repeat(60);
    expect(codes(draft({}, { footer: arabic }))).toEqual([]);
    expect(codes(draft({}, { footer: `${"a".repeat(59)}👍` }))).toEqual([]);
  });
});

describe("variable placement (properties)", () => {
  const word = fc.stringMatching(/^[a-zéèàç]{1,8}$/);
  const words = (min: number) => fc.array(word, { minLength: min, maxLength: 4 }).map((w) => w.join(" "));

  /** A body of `count` variables, each with words on both sides, and the example of each. */
  const wellPlaced = fc
    .integer({ min: 1, max: 8 })
    .chain((count) =>
      fc.tuple(fc.constant(count), fc.array(words(3), { minLength: count + 1, maxLength: count + 1 })),
    )
    .map(([count, gaps]) => ({
      text: gaps.map((gap, i) => (i < count ? `${gap} {{${i + 1}}}` : `${gap}.`)).join(" "),
      examples: Object.fromEntries(
        Array.from({ length: count }, (_, i) => [String(i + 1), `valeur ${i + 1}`]),
      ),
    }));

  it("accepts any body whose variables are sequential, apart, surrounded by enough words, each with a sample", () => {
    fc.assert(
      fc.property(wellPlaced, (body) => {
        expect(codes(draft({}, { body }))).toEqual([]);
      }),
    );
  });

  it("refuses a variable at the very start or end, whatever surrounds the rest", () => {
    fc.assert(
      fc.property(wellPlaced, fc.boolean(), fc.constantFrom("", ".", " !", "?"), (body, atStart, tail) => {
        const next = `{{${variableNames(body.text, "POSITIONAL").length + 1}}}`;
        const text = atStart ? `${next} ${body.text}` : `${body.text} ${next}${tail}`;
        const examples = { ...body.examples, [next.slice(2, -2)]: "x" };
        expect(codes(draft({}, { body: { text, examples } }))).toContain(
          "translations.0.body.text variable_at_edge",
        );
      }),
    );
  });

  it("refuses two variables with nothing but spaces or punctuation between them", () => {
    fc.assert(
      fc.property(wellPlaced, fc.constantFrom("", " ", ", ", " - ", "  "), (body, between) => {
        const count = variableNames(body.text, "POSITIONAL").length;
        const text = body.text.replace(`{{${count}}}`, `{{${count}}}${between}{{${count + 1}}}`);
        const examples = { ...body.examples, [String(count + 1)]: "x" };
        expect(codes(draft({}, { body: { text, examples } }))).toContain(
          "translations.0.body.text variables_adjacent",
        );
      }),
    );
  });

  it("refuses a body with fewer than 2 words per variable plus one, and accepts it with them", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), (count) => {
        const text = (wordsAround: number) =>
          `Bonjour ${Array.from({ length: count }, (_, i) => `{{${i + 1}}}`).join(" et ")} ${"mot ".repeat(wordsAround)}fin.`;
        const examples = Object.fromEntries(Array.from({ length: count }, (_, i) => [String(i + 1), "x"]));
        // "Bonjour", count-1 "et", "fin": count + 1 words before any extra.
        const needed = minimumWordsFor(count) - (count + 1);
        expect(codes(draft({}, { body: { text: text(Math.max(0, needed)), examples } }))).not.toContain(
          "translations.0.body.text too_many_variables",
        );
        if (needed > 0)
          expect(codes(draft({}, { body: { text: text(needed - 1), examples } }))).toContain(
            "translations.0.body.text too_many_variables",
          );
      }),
    );
  });
});

describe("after submission", () => {
  const now = new Date("2026-03-10T12:00:00Z");
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString();

  it.each<[string, { status: string; category: string }, string[], string | undefined, string | null]>([
    ["a pending template", { status: "PENDING", category: "UTILITY" }, [], undefined, "status_not_editable"],
    [
      "a disabled template",
      { status: "DISABLED", category: "UTILITY" },
      [],
      undefined,
      "status_not_editable",
    ],
    [
      "a rejected one, any number of times",
      { status: "REJECTED", category: "UTILITY" },
      [hoursAgo(1)],
      "MARKETING",
      null,
    ],
    ["an approved one never edited", { status: "APPROVED", category: "UTILITY" }, [], undefined, null],
    [
      "an approved one edited an hour ago",
      { status: "APPROVED", category: "UTILITY" },
      [hoursAgo(1)],
      undefined,
      "edited_today",
    ],
    [
      "an approved one edited 25 hours ago",
      { status: "APPROVED", category: "UTILITY" },
      [hoursAgo(25)],
      undefined,
      null,
    ],
    [
      "an approved one edited 10 times this month",
      { status: "APPROVED", category: "UTILITY" },
      Array.from({ length: 10 }, (_, i) => hoursAgo(30 + i * 48)),
      undefined,
      "edit_limit_month",
    ],
    [
      "an approved one's category",
      { status: "APPROVED", category: "UTILITY" },
      [],
      "MARKETING",
      "category_locked",
    ],
  ])("edits %s: %s", (_what, template, edits, category, expected) => {
    expect(templateEditRefusal(template, edits, now, category)).toBe(expected);
  });

  it("says when the next edit is allowed", () => {
    expect(nextEditAllowedAt([], now)).toBeNull();
    expect(nextEditAllowedAt([hoursAgo(2)], now)?.toISOString()).toBe(hoursAgo(-22));
  });

  it("tells a picker what can be sent", () => {
    expect(templateAvailability("APPROVED")).toBe("sendable");
    expect(templateAvailability("PAUSED", "FIRST_PAUSE")).toBe("paused");
    expect(templateAvailability("PAUSED", "RATE_LIMITING_PAUSE")).toBe("paced");
    expect(templateAvailability("DISABLED")).toBe("disabled");
    expect(templateAvailability("DELETED")).toBe("unavailable");
    expect(templateAvailability("IN_APPEAL")).toBe("pending");
  });

  it("names the rule behind Meta's creation subcodes", () => {
    expect(templateRuleOfMetaSubcode(2388024)).toBe("duplicate_name_language");
    expect(templateRuleOfMetaSubcode(2388293)).toBe("too_many_variables");
    expect(templateRuleOfMetaSubcode(42)).toBeNull();
    expect(templateRuleOfMetaSubcode(null)).toBeNull();
  });
});
