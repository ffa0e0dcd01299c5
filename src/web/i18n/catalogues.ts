import { ar } from "./ar";
import { en } from "./en";
import { fr, type Messages } from "./fr";
import type { Locale } from "./locale";

/** Every locale must have a full catalogue: a missing key fails the typecheck, not the user. */
export const CATALOGUES: Record<Locale, Messages> = { fr, en, ar };
