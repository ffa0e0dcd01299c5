import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { TemplateResponse } from "../../../contracts/templates";
import { decodeText, parseCsvText, readTableFile } from "./files";
import { guessMapping, recipientsOf, savedEntries } from "./mapping";
import { bulkTemplate } from "./template";

const bytes = (values: number[]) => new Uint8Array(values).buffer;
const utf8 = (text: string) => new TextEncoder().encode(text);

describe("reading a file of candidates", () => {
  it("reads a French Excel CSV: `;`-separated, quoted cells holding `;` and line breaks", () => {
    const table = parseCsvText(
      'telephone;prenom;poste;ville\r\n06 12 34 56 78;Salma;"cariste; chef";"Tanger\r\nNord"\r\n\r\n',
    );
    expect(table.delimiter).toBe(";");
    expect(table.headers).toEqual(["telephone", "prenom", "poste", "ville"]);
    expect(table.rows).toEqual([["06 12 34 56 78", "Salma", "cariste; chef", "Tanger\r\nNord"]]);
  });

  it("drops a UTF-8 byte-order mark, and reads Windows-1252 bytes as Excel wrote them", async () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("téléphone,prénom\n0612345678,Hélène\n")]);
    const read = await readTableFile("candidats.csv", withBom.buffer);
    expect(read).toMatchObject({ encoding: "utf-8", delimiter: "," });
    expect(read.headers).toEqual(["téléphone", "prénom"]);
    // "téléphone;prénom\n0612345678;Hélène" in Windows-1252: é is 0xE9, not valid UTF-8.
    const latin = bytes([
      ...[..."t\u00e9l\u00e9phone;pr\u00e9nom\n0612345678;H\u00e9l\u00e8ne\n"].map((c) => c.charCodeAt(0)),
    ]);
    expect(decodeText(new Uint8Array(latin)).encoding).toBe("windows-1252");
    const table = await readTableFile("export.csv", latin);
    expect(table).toMatchObject({ encoding: "windows-1252", delimiter: ";" });
    expect(table.headers).toEqual(["téléphone", "prénom"]);
    expect(table.rows).toEqual([["0612345678", "Hélène"]]);
    // The euro sign and curly quote Windows-1252 has at 0x80 and 0x92.
    expect(decodeText(new Uint8Array([0x80, 0x92])).text).toBe("€’");
  });

  it("reads an Excel workbook's first sheet, Arabic and accents included", async () => {
    const file = readFileSync(new URL("../../../../test/fixtures/candidats.xlsx", import.meta.url));
    const table = await readTableFile(
      "candidats.xlsx",
      file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength),
    );
    expect(table.headers).toEqual(["téléphone", "prénom", "poste", "ville"]);
    expect(table.rows).toEqual([
      ["06 12 34 56 78", "Salma", "cariste", "Tanger"],
      ["+212698765432", "يوسف", "soudeur", "Kénitra"],
    ]);
  });
});

const jobOpportunity = bulkTemplate({
  id: "00000000-0000-4000-8000-000000000001",
  name: "job_opportunity",
  language: "fr",
  category: "MARKETING",
  status: "APPROVED",
  parameterFormat: "POSITIONAL",
  components: [
    {
      type: "BODY",
      text: "Bonjour {{1}}, nous avons une opportunité de {{2}} à {{3}} qui correspond à votre profil.",
    },
  ],
} as unknown as TemplateResponse);

describe("mapping a file's columns", () => {
  it("guesses `telephone,prenom,poste,ville`: the first name feeds both the name and {{1}}", () => {
    const mapping = guessMapping(jobOpportunity, ["telephone", "prenom", "poste", "ville"]);
    expect(mapping).toEqual({
      phone: { header: "telephone" },
      name: { header: "prenom" },
      "1": { header: "prenom" },
      "2": { header: "poste" },
      "3": { header: "ville" },
    });
    const table = parseCsvText(
      "telephone,prenom,poste,ville\n0612345678,Salma,cariste,Tanger\n,Ali,soudeur,Fès",
    );
    // Every row goes to the server, the one without a phone too: it says why it is dropped.
    expect(recipientsOf(jobOpportunity, table, mapping)).toEqual([
      {
        phone: "0612345678",
        name: "Salma",
        body: [{ text: "Salma" }, { text: "cariste" }, { text: "Tanger" }],
      },
      { phone: "", name: "Ali", body: [{ text: "Ali" }, { text: "soudeur" }, { text: "Fès" }] },
    ]);
  });

  it("guesses Arabic and English headers, and prefers the client's saved mapping, a fixed text included", () => {
    expect(guessMapping(jobOpportunity, ["الهاتف", "الاسم", "الوظيفة", "المدينة"])).toMatchObject({
      phone: { header: "الهاتف" },
      "2": { header: "الوظيفة" },
      "3": { header: "المدينة" },
    });
    const saved = savedEntries({
      phone: { header: "GSM perso" },
      name: null,
      "1": { header: "Prénom" },
      "3": { text: "Tanger" },
    });
    expect(guessMapping(jobOpportunity, ["GSM perso", "Prénom", "Job title"], saved)).toEqual({
      phone: { header: "GSM perso" },
      name: { header: "Prénom" },
      "1": { header: "Prénom" },
      "2": { header: "Job title" },
      "3": { text: "Tanger" },
    });
  });
});
