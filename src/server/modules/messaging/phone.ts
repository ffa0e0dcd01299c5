import {
  type CountryCode,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
} from "libphonenumber-js/max";
import { phoneRefusalMessage } from "../../../contracts/phone-refusal";
import { validationFailed } from "../../platform/errors";

/**
 * What copying a number can bring along and the parser does not take for a space: the narrow and
 * thin no-break spaces of French typography, and the invisible direction marks that right-to-left
 * text (the Arabic dashboard, a spreadsheet) puts around and inside numbers.
 */
const UNICODE_SPACES = /\p{Zs}/gu;
const INVISIBLE_MARKS = /\p{Cf}/gu;

/**
 * A phone as recruiters type it (0638167216, 06 38 16 72 16, +212 638-167216, 00212638167216) in
 * E.164, read with the client's country. Refused before anything reaches Meta: without a `+`, Meta
 * would prefix the business number's country code and could reach someone else.
 *
 * @throws a validation error naming the field when the number is not a valid one.
 */
export function normalisePhone(input: string, defaultCountry: string, field = "body.to"): string {
  const typed = input.replace(INVISIBLE_MARKS, "").replace(UNICODE_SPACES, " ").trim();
  const country = defaultCountry.toUpperCase() as CountryCode;
  const parsed = parsePhoneNumberFromString(typed, country);
  if (!parsed?.isValid()) {
    const refusal = validatePhoneNumberLength(typed, country) === "TOO_SHORT" ? "too_short" : "invalid";
    throw validationFailed(field, phoneRefusalMessage(input, defaultCountry, refusal));
  }
  return parsed.number;
}
