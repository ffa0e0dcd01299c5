import type { ReactNode } from "react";
import { usePageTitle } from "./usePageTitle";

/**
 * A non-inbox page: 60 px header with the title (focused after navigation) and the page's main
 * actions at its end, then a scrolling column.
 */
export function Page(props: { title: string; actions?: ReactNode; children: ReactNode }) {
  usePageTitle(props.title);
  return (
    <main className="page">
      <header className="page__header">
        <h1 className="page__title" tabIndex={-1}>
          {props.title}
        </h1>
        {props.actions ? <div className="page__actions">{props.actions}</div> : null}
      </header>
      <div className="page__body">
        <div className="page__column">{props.children}</div>
      </div>
    </main>
  );
}
