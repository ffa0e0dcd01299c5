import { describe, expect, it } from "vitest";
import {
  fillQuickReply,
  firstNameOf,
  matchQuickReplies,
  quickReplyRuns,
  slashQueryAt,
  unknownVariables,
} from "./quick-reply-variables";

describe("quick reply variables", () => {
  const body = "Bonjour {{prenom}}, le poste de {{poste}} vous attend. {{ recruteur }}";

  it("fills every known value", () => {
    expect(fillQuickReply(body, { firstName: "Yassine", job: "Comptable", recruiterName: "Salma" })).toBe(
      "Bonjour Yassine, le poste de Comptable vous attend. Salma",
    );
  });

  it("leaves a token without a value visible, normalised, for the recruiter to fill", () => {
    expect(fillQuickReply(body, { firstName: "Yassine", job: null, recruiterName: "  " })).toBe(
      "Bonjour Yassine, le poste de {{poste}} vous attend. {{recruteur}}",
    );
    expect(quickReplyRuns("{{poste}} !", {}).map((run) => run.kind)).toEqual(["missing", "text"]);
  });

  it("fills Arabic bodies the same way", () => {
    expect(fillQuickReply("مرحبا {{prenom}}، شكرا", { firstName: "ياسين" })).toBe("مرحبا ياسين، شكرا");
  });

  it("names tokens that are no variable", () => {
    expect(unknownVariables("{{prénom}} {{prenom}} {{nom}} {{nom}} {{1}}")).toEqual(["prénom", "nom"]);
    expect(unknownVariables(body)).toEqual([]);
  });

  it("takes the first word of a name", () => {
    expect(firstNameOf("  Yassine Benali ")).toBe("Yassine");
    expect(firstNameOf("")).toBeNull();
    expect(firstNameOf(null)).toBeNull();
  });

  it("finds the /query at the cursor, only at the start or after a space", () => {
    expect(slashQueryAt("/ent", 4)).toEqual({ start: 0, query: "ent" });
    expect(slashQueryAt("Merci /", 7)).toEqual({ start: 6, query: "" });
    expect(slashQueryAt("a/b", 3)).toBeNull();
    expect(slashQueryAt("/ent x", 6)).toBeNull();
    expect(slashQueryAt("https://x", 9)).toBeNull();
  });

  it("matches by shortcut prefix first, then anywhere, ignoring accents and case", () => {
    const replies = [
      { shortcut: "relance", title: "Relance entretien" },
      { shortcut: "entretien", title: "Invitation" },
      { shortcut: "merci", title: "Merci du CV" },
    ];
    expect(matchQuickReplies(replies, "ENT").map((r) => r.shortcut)).toEqual(["entretien", "relance"]);
    expect(matchQuickReplies(replies, "mérci").map((r) => r.shortcut)).toEqual(["merci"]);
    expect(matchQuickReplies(replies, "")).toHaveLength(3);
  });
});
