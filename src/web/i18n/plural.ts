/** Plural forms keyed by CLDR category; `other` is always required (Arabic uses all six). */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rulesCache = new Map<string, Intl.PluralRules>();

/** Picks the form for `count` under the locale's CLDR rules (French 0 is singular, Arabic has six). */
export function plural(intlLocale: string, count: number, forms: PluralForms): string {
  let rules = rulesCache.get(intlLocale);
  if (!rules) {
    rules = new Intl.PluralRules(intlLocale);
    rulesCache.set(intlLocale, rules);
  }
  return forms[rules.select(count)] ?? forms.other;
}
