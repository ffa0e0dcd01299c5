import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { validationFailed } from "../../platform/errors";

/** zxcvbn's score out of 4: 3 is "safely unguessable" by an online attacker, the lowest accepted. */
export const MIN_PASSWORD_SCORE = 3;
// Past this, a password is strong anyway; zxcvbn's cost grows with the length it examines.
const EXAMINED_LENGTH = 100;

let checker: Promise<ZxcvbnFactory> | undefined;

/**
 * zxcvbn with the common, English and French dictionaries (a few MB), loaded on the first check
 * rather than at startup: passwords are set rarely, and the dashboard never loads them.
 */
function loadChecker(): Promise<ZxcvbnFactory> {
  checker ??= Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
    import("@zxcvbn-ts/language-fr"),
  ]).then(
    ([{ ZxcvbnFactory }, common, en, fr]) =>
      new ZxcvbnFactory({
        translations: en.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary },
        maxLength: EXAMINED_LENGTH,
      }),
  );
  return checker;
}

/**
 * Why a password is too easy to guess (one of the most common, a keyboard row, the user's own
 * name or e-mail...), in a sentence for the person choosing it; null when it is strong enough.
 */
export async function passwordWeakness(password: string, userInputs: string[] = []): Promise<string | null> {
  const result = (await loadChecker()).check(password, userInputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = result.feedback.warning ?? "it would be found quickly by trying common words and patterns.";
  return ["too easy to guess:", why, ...result.feedback.suggestions].join(" ");
}

/** The person's own words, which a password must not lean on: the e-mail and name, whole and in parts. */
export function personalWords(person: { email: string; name: string }): string[] {
  const words = [person.email, ...person.email.split(/[@._+-]/), person.name, ...person.name.split(/\s+/)];
  return words.filter((word) => word.length >= 3);
}

/** Refuses a weak password with a 400 naming the field and saying why. */
export async function requireStrongPassword(
  field: string,
  password: string,
  person: { email: string; name: string },
): Promise<void> {
  const weakness = await passwordWeakness(password, personalWords(person));
  if (weakness) throw validationFailed(field, weakness);
}
