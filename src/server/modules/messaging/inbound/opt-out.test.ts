import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { consentKeyword } from "./opt-out";

/** The words as candidates write them: French, English, Arabic, Darija in Latin letters. */
const STOP = ["stop", "arrêt", "arrêter", "arrêtez", "désabonner", "désinscrire", "unsubscribe"];
const STOP_ARABIC = ["وقف", "توقف", "قف", "wa9af", "wqef", "7bes", "hbes"];
const START = ["start", "commencer", "reprendre", "ابدأ", "ابدا", "bda"];

describe("consentKeyword: a whole message that asks to stop or to start again", () => {
  it.each([
    ...[...STOP, ...STOP_ARABIC].map((word) => [word, "stop"] as const),
    ...START.map((word) => [word, "start"] as const),
  ])("reads %j as %s", (word, keyword) => {
    expect(consentKeyword(word)).toBe(keyword);
  });

  it.each([
    ["upper case", "STOP"],
    ["title case with its accent", "Arrêtez"],
    ["upper case with its accent", "DÉSABONNER"],
    ["accent left out", "desinscrire"],
    ["decomposed accent (e + combining circumflex)", "arre\u0302ter"],
    ["a full stop", "Stop."],
    ["a French-spaced exclamation mark", "Stop !"],
    ["a no-break space before it", "Stop\u00a0!"],
    ["the phone's ellipsis", "Stop…"],
    ["smart quotes", "“Stop”"],
    ["guillemets", "« STOP »"],
    ["surrounding spaces and a line break", "  stop\n"],
    ["said twice", "stop stop"],
    ["said three times, shouted", "STOP STOP STOP!!!"],
    ["Arabic with a shadda", "توقّف"],
    ["Arabic fully vowelled", "وَقِفْ"],
    ["Arabic stretched with tatweel", "وقـــف"],
    ["Arabic with the Arabic question mark", "وقف؟"],
    ["Arabic with the Arabic comma, twice", "وقف، وقف"],
    ["Darija in capitals", "WA9AF"],
  ])("reads a stop with %s (%j)", (_, text) => {
    expect(consentKeyword(text)).toBe("stop");
  });

  it.each([
    ["capitals", "START"],
    ["hamza under the alif", "إبدأ"],
    ["an exclamation mark", "Commencer !"],
  ])("reads a start with %s (%j)", (_, text) => {
    expect(consentKeyword(text)).toBe("start");
  });

  it.each([
    ["a sentence that contains the word", "je ne veux pas que ça s'arrête"],
    ["the word with a request around it", "stop please"],
    ["the word with another", "arrêt de bus"],
    ["four times: a message, not a keyword", "stop stop stop stop"],
    ["stop and start together", "stop start"],
    ["a greeting", "Bonjour"],
    ["punctuation alone", "?!…"],
    ["spaces alone", "   "],
    ["nothing", ""],
  ])("reads nothing in %s (%j)", (_, text) => {
    expect(consentKeyword(text)).toBeNull();
  });
});

/** What phones and people put around a word: spaces of all kinds, Latin and Arabic punctuation. */
const around = fc
  .array(fc.constantFrom(" ", "\u00a0", "\n", ".", "!", "?", ",", "…", "“", "”", "«", "»", "؟", "،", "-"), {
    maxLength: 4,
  })
  .map((marks) => marks.join(""));

/** The word in random letter case (Arabic letters have none and stay as they are). */
const anyCase = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((letter, i) => (upper[i] ? letter.toUpperCase() : letter)).join(""));

/** One to three times the same kind of word, in any case, with any punctuation between and around. */
const written = (words: string[]) =>
  fc
    .array(fc.constantFrom(...words).chain(anyCase), { minLength: 1, maxLength: 3 })
    .chain((said) =>
      fc
        .array(around, { minLength: said.length + 1, maxLength: said.length + 1 })
        .map((gaps) => gaps[0] + said.map((word, i) => `${word}${gaps[i + 1] || " "}`).join("")),
    );

describe("consentKeyword: however the keyword is written", () => {
  it("reads every stop word as stop", () => {
    fc.assert(
      fc.property(written([...STOP, ...STOP_ARABIC]), (text) => {
        expect(consentKeyword(text)).toBe("stop");
      }),
    );
  });

  it("reads every start word as start", () => {
    fc.assert(
      fc.property(written(START), (text) => {
        expect(consentKeyword(text)).toBe("start");
      }),
    );
  });

  it("reads nothing when another word comes with it", () => {
    const other = fc.constantFrom("je", "veux", "please", "merci", "bus", "لا", "شكرا", "bghit");
    fc.assert(
      fc.property(written([...STOP, ...START]), other, fc.boolean(), (keyword, word, before) => {
        expect(consentKeyword(before ? `${word} ${keyword}` : `${keyword} ${word}`)).toBeNull();
      }),
    );
  });
});
