import { describeError } from "../api/errors";
import { useI18n } from "../i18n/I18nProvider";

/** A failed call's headline in the user's language, announced; nothing when there is no error. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t, fmt } = useI18n();
  if (!error) return null;
  return (
    <p className="alert alert--danger" role="alert">
      {describeError(error, t, fmt)}
    </p>
  );
}
