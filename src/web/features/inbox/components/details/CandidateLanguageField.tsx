import { CONTACT_LANGUAGES, type ContactLanguage } from "../../../../../contracts/contact-language";
import { Field } from "../../../../ui/Field";
import { useContactLanguageI18n } from "../../i18n/contact-language";

/** The candidate's language to choose (French, English, Arabic), or "unknown". */
export function CandidateLanguageField(props: {
  value: ContactLanguage | null;
  hint?: string;
  disabled?: boolean;
  onChange(language: ContactLanguage | null): void;
}) {
  const { tl } = useContactLanguageI18n();
  return (
    <Field label={tl.label} hint={props.hint}>
      <select
        className="select"
        value={props.value ?? ""}
        disabled={props.disabled}
        onChange={(event) => props.onChange((event.target.value || null) as ContactLanguage | null)}
      >
        <option value="">{tl.unknown}</option>
        {CONTACT_LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {tl.names[language]}
          </option>
        ))}
      </select>
    </Field>
  );
}
