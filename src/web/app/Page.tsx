import type { ReactNode } from "react";
import { usePageTitle } from "./usePageTitle";

/** A non-inbox page: 60 px header with the title (focused after navigation) and a scrolling column. */
export function Page(props: { title: string; children: ReactNode }) {
  usePageTitle(props.title);
  return (
    <main className="page">
      <header className="page__header">
        <h1 className="page__title" tabIndex={-1}>
          {props.title}
        </h1>
      </header>
      <div className="page__body">
        <div className="page__column">{props.children}</div>
      </div>
    </main>
  );
}
