import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { setUnauthenticatedHandler } from "../api/client";
import { LoginPage } from "../features/auth/components/LoginPage";
import { replaceSession, useSession, useUpdateMe } from "../features/auth/queries";
import { I18nProvider, useT } from "../i18n/I18nProvider";
import { detectLocale, type Locale, rememberLocale } from "../i18n/locale";
import { href, navigate, safeNextPath, useLocation, useRoute } from "./router";
import { Shell } from "./Shell";

/** Chooses the language (the user's, else the device's) and whether to show the login or the shell. */
export function App() {
  const session = useSession();
  const queryClient = useQueryClient();
  const { mutate: updateMe } = useUpdateMe();
  const [deviceLocale, setDeviceLocale] = useState<Locale>(detectLocale);
  const user = session.data?.user;
  const locale = user?.locale ?? deviceLocale;

  useEffect(() => {
    // A 401 on any call means the session ended elsewhere: forget it and let the guard redirect.
    setUnauthenticatedHandler(() => replaceSession(queryClient, null));
  }, [queryClient]);

  const onLocaleChange = useCallback(
    (next: Locale) => {
      rememberLocale(next);
      setDeviceLocale(next);
      if (user && user.locale !== next) updateMe({ locale: next });
    },
    [user, updateMe],
  );

  return (
    <I18nProvider locale={locale} onLocaleChange={onLocaleChange}>
      <Gate />
    </I18nProvider>
  );
}

function Gate() {
  const session = useSession();
  const route = useRoute();
  const { pathname, search } = useLocation();
  const loggedIn = Boolean(session.data);

  useEffect(() => {
    if (session.isPending || session.isError) return;
    if (!loggedIn && route.name !== "login") {
      const next = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
      navigate(`/login${next}`, { replace: true });
    } else if (loggedIn && route.name === "login") {
      navigate(safeNextPath(search) ?? href({ name: "inbox", conversationId: null }), { replace: true });
    } else if (loggedIn && pathname === "/") {
      navigate("/inbox", { replace: true });
    }
  }, [session.isPending, session.isError, loggedIn, route.name, pathname, search]);

  if (session.isPending) return <Splash />;
  if (session.isError) return <SessionError retry={() => session.refetch()} />;
  if (!session.data || route.name === "login") return <LoginPage />;
  return <Shell route={route} />;
}

/** Only on the very first load: an empty frame in the app's colours, no spinner. */
function Splash() {
  const t = useT();
  return (
    <div className="splash" aria-busy="true">
      <span className="visually-hidden">{t.app.loading}</span>
    </div>
  );
}

function SessionError({ retry }: { retry(): void }) {
  const t = useT();
  return (
    <div className="splash">
      <div className="splash__message" role="alert">
        <p>{t.app.sessionError}</p>
        <p>{t.errors.codes.network_error}</p>
        <button type="button" className="button button--primary" onClick={retry}>
          {t.common.retry}
        </button>
      </div>
    </div>
  );
}
