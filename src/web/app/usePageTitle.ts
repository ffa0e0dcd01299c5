import { useEffect } from "react";
import { useT } from "../i18n/I18nProvider";

/** Sets the tab title to "Page · LinkoJob WhatsApp" in the current language. */
export function usePageTitle(title: string): void {
  const t = useT();
  useEffect(() => {
    document.title = `${title} · ${t.app.name}`;
  }, [title, t]);
}
