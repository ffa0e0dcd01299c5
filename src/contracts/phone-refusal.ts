// Why a typed phone number is refused, in the words the server writes and the dashboard reads, so
// the recruiter is told "too short" for `06 11 22`, not "country code missing or too many digits".
// Free of zod and of the phone library, like constants.ts.

/** Why a number is refused: too few digits for the country, or not a number of it at all. */
export type PhoneRefusal = "too_short" | "invalid";

const TOO_SHORT = "too short";

/** The server's sentence for a refused number, naming the country assumed when no code is given. */
export function phoneRefusalMessage(typed: string, country: string, refusal: PhoneRefusal): string {
  const why = refusal === "too_short" ? `: ${TOO_SHORT}` : "";
  return `"${typed}" is not a valid phone number${why} (country ${country} when no code is given)`;
}

/** Which refusal a server message states, or null when it is not about a phone number. */
export function phoneRefusalOf(message: string): PhoneRefusal | null {
  if (!/is not a valid phone number/u.test(message)) return null;
  return message.includes(`phone number: ${TOO_SHORT}`) ? "too_short" : "invalid";
}
