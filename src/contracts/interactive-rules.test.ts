import { describe, expect, it } from "vitest";
import {
  type InteractiveDraft,
  interactiveContent,
  validateInteractive,
  validateLocation,
} from "./interactive-rules";

const codes = (draft: InteractiveDraft) => validateInteractive(draft).map((p) => `${p.field} ${p.code}`);

const buttons = (titles: string[], body = "Avez-vous le permis B ?"): InteractiveDraft => ({
  type: "button",
  body,
  buttons: titles.map((title) => ({ title })),
});

const list = (
  sections: { title?: string; rows: { id?: string; title: string; description?: string }[] }[],
  button = "Voir les postes",
): InteractiveDraft => ({ type: "list", body: "Quel poste ?", button, sections });

describe("reply buttons", () => {
  it("takes one to three buttons of at most 20 characters under a text of at most 1024", () => {
    expect(codes(buttons(["Oui"]))).toEqual([]);
    expect(codes(buttons(["Oui", "Non", "Je ne sais pas"]))).toEqual([]);
    // Characters as Meta counts them: an emoji or an Arabic letter is one.
    expect(codes(buttons(["نعم، لدي الرخصة"]))).toEqual([]);
    expect(codes(buttons(["👍".repeat(20)]))).toEqual([]);
    expect(codes(buttons(["Oui"], "x".repeat(1024)))).toEqual([]);
  });

  it("refuses no button, a fourth, a long or blank or repeated title, a long or empty text", () => {
    expect(codes(buttons([]))).toEqual(["buttons buttons_required"]);
    expect(codes(buttons(["A", "B", "C", "D"]))).toEqual(["buttons buttons_too_many"]);
    expect(codes(buttons(["Oui", "x".repeat(21)]))).toEqual(["buttons.1.title button_title_too_long"]);
    expect(codes(buttons([" "]))).toEqual(["buttons.0.title button_title_required"]);
    expect(codes(buttons(["Oui", "Oui "]))).toEqual(["buttons.1.title button_title_duplicate"]);
    expect(codes(buttons(["Oui"], "x".repeat(1025)))).toEqual(["body body_too_long"]);
    expect(codes(buttons(["Oui"], "  "))).toEqual(["body body_required"]);
    expect(validateInteractive(buttons(["Oui"], "x".repeat(1025)))[0]?.params).toEqual({ max: 1024 });
  });

  it("refuses the same id twice, and ids over Meta's length", () => {
    const draft: InteractiveDraft = {
      type: "button",
      body: "Disponible ?",
      buttons: [
        { id: "a", title: "Oui" },
        { id: "a", title: "Non" },
        { id: "b".repeat(257), title: "Peut-être" },
      ],
    };
    expect(codes(draft)).toEqual(["buttons.1.id option_id_duplicate", "buttons.2.id option_id_too_long"]);
  });
});

describe("lists", () => {
  it("takes up to 10 rows across sections, titled when there are several", () => {
    expect(codes(list([{ rows: [{ title: "Cariste", description: "x".repeat(72) }] }]))).toEqual([]);
    const fiveAndFive = [1, 2].map((s) => ({
      title: `Ville ${s}`,
      rows: Array.from({ length: 5 }, (_, i) => ({ title: `Poste ${s}.${i}` })),
    }));
    expect(codes(list(fiveAndFive))).toEqual([]);
    // The body of a list may be longer than that of reply buttons.
    expect(codes({ ...list([{ rows: [{ title: "Cariste" }] }]), body: "x".repeat(4096) })).toEqual([]);
  });

  it("refuses an 11th row, untitled sections among several, long labels, titles and descriptions", () => {
    const sixAndFive = [6, 5].map((n, s) => ({
      title: `Ville ${s}`,
      rows: Array.from({ length: n }, (_, i) => ({ title: `Poste ${s}.${i}` })),
    }));
    expect(codes(list(sixAndFive))).toEqual(["sections rows_too_many"]);
    expect(codes(list([{ rows: [{ title: "A" }] }, { title: "Tanger", rows: [{ title: "B" }] }]))).toEqual([
      "sections.0.title section_title_required",
    ]);
    expect(
      codes(
        list(
          [
            {
              title: "x".repeat(25),
              rows: [{ title: "y".repeat(25), description: "z".repeat(73) }],
            },
          ],
          "Voir tous les postes ouverts",
        ),
      ),
    ).toEqual([
      "button list_button_too_long",
      "sections.0.title section_title_too_long",
      "sections.0.rows.0.title row_title_too_long",
      "sections.0.rows.0.description row_description_too_long",
    ]);
    expect(codes(list([]))).toEqual(["sections sections_required"]);
    expect(codes(list([{ rows: [] }]))).toEqual(["sections.0.rows rows_required"]);
    expect(codes(list([{ rows: [{ title: "A" }] }], " "))).toEqual(["button list_button_required"]);
  });
});

const link = (displayText: string, url: string): InteractiveDraft => ({
  type: "cta_url",
  body: "Postulez en ligne",
  displayText,
  url,
});

describe("a button that opens a web page, headers and footers", () => {
  it("takes a label of at most 20 characters and a web address", () => {
    expect(codes(link("Voir l'offre", "https://jobs.linkojob.ma/o/12?src=wa"))).toEqual([]);
    expect(codes(link("عرض الوظيفة", "http://linkojob.ma"))).toEqual([]);
  });

  it("refuses a blank or long label, and an address that is not a web page's", () => {
    expect(codes(link(" ", "https://linkojob.ma"))).toEqual(["displayText link_button_required"]);
    expect(codes(link("x".repeat(21), "https://linkojob.ma"))).toEqual(["displayText link_button_too_long"]);
    expect(codes(link("Voir", ""))).toEqual(["url url_required"]);
    for (const url of [
      "linkojob.ma/offre",
      "ftp://linkojob.ma/x",
      "https://local",
      "https://a b.ma",
      "javascript:alert(1)",
    ])
      expect(codes(link("Voir", url)), url).toEqual(["url url_invalid"]);
  });

  it("takes a header and a footer of at most 60 characters on every kind", () => {
    expect(codes({ ...buttons(["Oui"]), header: "x".repeat(60), footer: "y".repeat(60) })).toEqual([]);
    expect(codes({ ...buttons(["Oui"]), header: "x".repeat(61), footer: "y".repeat(61) })).toEqual([
      "header header_too_long",
      "footer footer_too_long",
    ]);
    expect(codes({ ...list([{ rows: [{ title: "A" }] }]), footer: "y".repeat(61) })).toEqual([
      "footer footer_too_long",
    ]);
  });

  it("stores the link as the question's one option, header and footer trimmed or left out", () => {
    expect(
      interactiveContent({
        ...link(" Voir l'offre ", " https://linkojob.ma/o "),
        header: " Cariste ",
        footer: " ",
      }),
    ).toEqual({
      kind: "cta_url",
      header: "Cariste",
      body: "Postulez en ligne",
      footer: null,
      url: "https://linkojob.ma/o",
      options: [{ id: "link", title: "Voir l'offre", description: null }],
      listButton: null,
      sections: [],
    });
  });
});

describe("what is stored", () => {
  it("keeps given ids, makes the others without colliding, and keeps a list's sections", () => {
    expect(
      interactiveContent(
        list([
          {
            title: "Casablanca",
            rows: [
              { title: " Cariste ", description: " " },
              { id: "option_1", title: "B" },
            ],
          },
          { title: "Tanger", rows: [{ title: "Soudeur", description: "CDI" }] },
        ]),
      ),
    ).toEqual({
      kind: "list",
      header: null,
      body: "Quel poste ?",
      footer: null,
      url: null,
      options: [
        { id: "option_2", title: "Cariste", description: null },
        { id: "option_1", title: "B", description: null },
        { id: "option_3", title: "Soudeur", description: "CDI" },
      ],
      listButton: "Voir les postes",
      sections: [
        { title: "Casablanca", size: 2 },
        { title: "Tanger", size: 1 },
      ],
    });
  });
});

describe("locations", () => {
  it("takes coordinates on the globe and refuses others, and long names", () => {
    expect(validateLocation({ latitude: 33.57, longitude: -7.59, name: "Agence" })).toEqual([]);
    expect(validateLocation({ latitude: -90, longitude: 180 })).toEqual([]);
    expect(
      validateLocation({ latitude: 91, longitude: Number.NaN, address: "x".repeat(1001) }).map((p) => p.code),
    ).toEqual(["latitude_out_of_range", "longitude_out_of_range", "location_address_too_long"]);
  });
});
