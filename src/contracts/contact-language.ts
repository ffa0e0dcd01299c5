// A candidate's language: the one the team and the automatic replies write to them in. Stored on
// the contact with where it came from; detection from the candidate's own messages never replaces
// a language a recruiter or LinkoJob chose.

export const CONTACT_LANGUAGES = ["fr", "en", "ar"] as const;
export type ContactLanguage = (typeof CONTACT_LANGUAGES)[number];

/** Who set a contact's language: read from their messages, a recruiter, or LinkoJob's API. */
export const LANGUAGE_SOURCES = ["detected", "recruiter", "integration"] as const;
export type LanguageSource = (typeof LANGUAGE_SOURCES)[number];
