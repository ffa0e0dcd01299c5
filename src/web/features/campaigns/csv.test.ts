import { describe, expect, it } from "vitest";
import { type CsvVariable, expectedHeader, parseRecipientsCsv } from "./csv";

const positional: CsvVariable[] = ["1", "2", "3"].map((name) => ({ part: "body", name, column: name }));
const named: CsvVariable[] = ["first_name", "date"].map((name) => ({ part: "body", name, column: name }));

describe("recipients CSV", () => {
  it("names the header recruiters should write", () => {
    expect(expectedHeader(positional).join(",")).toBe("phone,name,1,2,3");
  });

  it("reads comma files with a header, quoted fields and doubled quotes", () => {
    const result = parseRecipientsCsv(
      'phone,name,1,2,3\n06 11 22 33 00,"Alaoui, Youssef","Youssef","agent ""senior""",Casablanca\r\n',
      positional,
    );
    expect(result.separator).toBe(",");
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        line: 2,
        recipient: {
          phone: "06 11 22 33 00",
          name: "Alaoui, Youssef",
          body: [{ text: "Youssef" }, { text: 'agent "senior"' }, { text: "Casablanca" }],
        },
      },
    ]);
  });

  it("reads French Excel files (semicolons, BOM) and named variables in any column order", () => {
    const result = parseRecipientsCsv(
      "\uFEFFnom;date;téléphone;first_name\nSalma;14/03;0612345678;Salma\n",
      named,
    );
    expect(result.separator).toBe(";");
    expect(result.rows[0]?.recipient).toEqual({
      phone: "0612345678",
      name: "Salma",
      body: [
        { name: "first_name", text: "Salma" },
        { name: "date", text: "14/03" },
      ],
    });
  });

  it("takes the template's order when there is no header", () => {
    const result = parseRecipientsCsv("0612345678,Karim,Karim,magasinier,Tanger", positional);
    expect(result.hasHeader).toBe(false);
    expect(result.rows).toHaveLength(1);
  });

  it("names each bad line: column count, empty value, missing phone, duplicate, unclosed quote", () => {
    const result = parseRecipientsCsv(
      [
        "phone,name,1,2,3",
        "0611223300,A,A,x,y",
        "0611223301,B,B,x",
        "0611223302,C,C,,y",
        ",D,D,x,y",
        "+212 6 11 22 33 00,E,E,x,y",
        "",
        '0611223303,F,"F,x,y',
      ].join("\n"),
      positional,
    );
    expect(result.rows.map((row) => row.line)).toEqual([2]);
    expect(result.errors).toEqual([
      { line: 3, problem: { kind: "columns", expected: 5, found: 4 } },
      { line: 4, problem: { kind: "emptyValue", column: "2" } },
      { line: 5, problem: { kind: "noPhone" } },
      { line: 6, problem: { kind: "duplicate", firstLine: 2 } },
      { line: 8, problem: { kind: "unclosedQuote" } },
    ]);
  });

  it("refuses a header without the template's variables", () => {
    const result = parseRecipientsCsv("phone,name,prenom,poste\n0611223300,A,A,x", positional);
    expect(result.fileErrors[0]).toEqual({ kind: "missingColumns", columns: ["1", "2", "3"] });
    expect(result.rows).toEqual([]);
  });
});
