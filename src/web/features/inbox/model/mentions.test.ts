import { describe, expect, it } from "vitest";
import { colleaguesMatching, insertMention, mentionAt, mentionsIn, noteParts } from "./mentions";

const sara = { id: "u-sara", name: "Sara Alaoui" };
const said = { id: "u-said", name: "Saïd Benali" };
const team = [sara, said, { id: "u-omar", name: "Omar El Idrissi" }];

describe("note mentions", () => {
  it("sees an @ being typed at the start or after a space, not inside an e-mail address", () => {
    expect(mentionAt("@sa", 3)).toEqual({ start: 0, query: "sa" });
    expect(mentionAt("Merci @", 7)).toEqual({ start: 6, query: "" });
    expect(mentionAt("écrire à nadia@example.com", 26)).toBeNull();
    expect(mentionAt("@Sara Alaoui déjà", 17)).toBeNull();
  });

  it("offers colleagues by the start of any word of their name, accents and case aside", () => {
    expect(colleaguesMatching(team, "sai").map((c) => c.id)).toEqual(["u-said"]);
    expect(colleaguesMatching(team, "SA").map((c) => c.id)).toEqual(["u-sara", "u-said"]);
    expect(colleaguesMatching(team, "idri").map((c) => c.id)).toEqual(["u-omar"]);
    expect(colleaguesMatching(team, "")).toHaveLength(3);
  });

  it("puts the name in place of what was typed and the caret after it", () => {
    const at = mentionAt("Voir avec @sa demain", 13)!;
    expect(insertMention("Voir avec @sa demain", at, sara)).toEqual({
      text: "Voir avec @Sara Alaoui  demain",
      caret: 23,
    });
  });

  it("tells only the colleagues still named when the note is sent", () => {
    expect(mentionsIn("@Sara Alaoui rappelle-la", [sara, said])).toEqual(["u-sara"]);
  });

  it("cuts a note into text and mentions for display, in order", () => {
    expect(noteParts("@Saïd Benali et @Sara Alaoui : appel ?", [sara, said])).toEqual([
      { kind: "mention", text: "@Saïd Benali", userId: "u-said" },
      { kind: "text", text: " et " },
      { kind: "mention", text: "@Sara Alaoui", userId: "u-sara" },
      { kind: "text", text: " : appel ?" },
    ]);
    expect(noteParts("Rien à signaler", [sara])).toEqual([{ kind: "text", text: "Rien à signaler" }]);
  });
});
