import { lazy, Suspense, useEffect, useRef } from "react";
import { useRequiredSession } from "../features/auth/queries";
import { BudgetBanner } from "../features/costs/components/BudgetBanner";
import { InboxPage } from "../features/inbox/components/InboxPage";
import { IncomingNotifier } from "../features/inbox/components/IncomingNotifier";
import { MentionNotifier } from "../features/mentions/components/MentionNotifier";
import { useT } from "../i18n/I18nProvider";
import { ConnectionBanner } from "../realtime/ConnectionBanner";
import { RealtimeProvider } from "../realtime/RealtimeProvider";
import { NavRail } from "./NavRail";
import { NotFoundPage } from "./NotFoundPage";
import { href, type Route } from "./router";
import "./shell.css";

// The inbox is where everyone lands, so it ships in the first bundle; the rest loads on first visit.
const ConnectionsPage = lazy(() => import("../features/connections/components/ConnectionsPage"));
const TemplatesPage = lazy(() => import("../features/templates/components/TemplatesPage"));
const CampaignsPage = lazy(() => import("../features/campaigns/components/CampaignsPage"));
const CostsPage = lazy(() => import("../features/costs/components/CostsPage"));
const ReportsPage = lazy(() => import("../features/reports/components/ReportsPage"));
const TeamPage = lazy(() => import("../features/team/components/TeamPage"));
const WebhooksPage = lazy(() => import("../features/webhooks/components/WebhooksPage"));
const SettingsPage = lazy(() => import("../features/settings/components/SettingsPage"));

/** The logged-in frame: live events for the client, navigation rail plus the current page. */
export function Shell({ route }: { route: Route }) {
  const { client, user } = useRequiredSession();
  return (
    <RealtimeProvider clientId={client.id} userId={user.id}>
      <IncomingNotifier />
      <MentionNotifier />
      <Frame route={route} />
    </RealtimeProvider>
  );
}

function Frame({ route }: { route: Route }) {
  const t = useT();
  const mainRef = useRef<HTMLDivElement>(null);
  // The inbox is one page whatever chat is open; every other path is a page of its own.
  const shown = route.name === "inbox" ? route.name : href(route);
  const shownRoute = useRef(shown);

  useEffect(() => {
    // After in-app navigation, move focus to the new page so screen readers start reading there.
    if (shownRoute.current === shown) return;
    shownRoute.current = shown;
    mainRef.current?.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
  }, [shown]);

  return (
    <div className="shell">
      {/* The keyboard's first stop: past the navigation, focus into the page. */}
      <a className="skip-link" href="#page">
        {t.app.skipToContent}
      </a>
      <NavRail route={route} />
      <div className="shell__page" id="page" ref={mainRef} tabIndex={-1}>
        <ConnectionBanner />
        <BudgetBanner />
        <Suspense fallback={<div className="page page--loading" aria-busy="true" />}>
          <Page route={route} />
        </Suspense>
      </div>
    </div>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case "inbox":
      return <InboxPage conversationId={route.conversationId} />;
    case "connections":
      return <ConnectionsPage />;
    case "templates":
    case "templateNew":
    case "template":
    case "templateEdit":
      return <TemplatesPage route={route} />;
    case "campaigns":
      return <CampaignsPage />;
    case "costs":
      return <CostsPage />;
    case "reports":
      return <ReportsPage />;
    case "team":
      return <TeamPage />;
    case "webhooks":
    case "webhook":
      return <WebhooksPage route={route} />;
    case "settings":
      return <SettingsPage />;
    default:
      return <NotFoundPage />;
  }
}
