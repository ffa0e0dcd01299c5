import { useT } from "../i18n/I18nProvider";
import { EmptyState } from "../ui/EmptyState";
import { Link } from "./Link";
import { usePageTitle } from "./usePageTitle";

export function NotFoundPage() {
  const t = useT();
  usePageTitle(t.notFound.title);
  return (
    <main className="page page--centered">
      <EmptyState
        icon="search"
        title={t.notFound.title}
        action={
          <Link to="/inbox" className="button button--primary">
            {t.notFound.back}
          </Link>
        }
      >
        <p>{t.notFound.body}</p>
      </EmptyState>
    </main>
  );
}
