import { useMemo, useSyncExternalStore } from "react";

/** Every screen of the dashboard; `href(route)` and `parsePath(path)` are inverses. */
export type Route =
  | { name: "login" }
  | { name: "inbox"; conversationId: string | null }
  | { name: "connections" }
  | { name: "templates" }
  | { name: "templateNew" }
  | { name: "template"; templateId: string }
  | { name: "templateEdit"; templateId: string }
  | { name: "campaigns" }
  | { name: "costs" }
  | { name: "reports" }
  | { name: "team" }
  | { name: "webhooks" }
  | { name: "webhook"; endpointId: string }
  | { name: "settings" }
  | { name: "notFound" };

export type RouteName = Route["name"];

const STATIC: Record<string, Route> = {
  "/login": { name: "login" },
  "/inbox": { name: "inbox", conversationId: null },
  "/connections": { name: "connections" },
  "/templates": { name: "templates" },
  "/templates/new": { name: "templateNew" },
  "/campaigns": { name: "campaigns" },
  "/costs": { name: "costs" },
  "/reports": { name: "reports" },
  "/team": { name: "team" },
  "/webhooks": { name: "webhooks" },
  "/settings": { name: "settings" },
};

/** Maps a pathname to its route; trailing slashes are tolerated, unknown paths are `notFound`. */
export function parsePath(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (path === "/" || path === "") return { name: "inbox", conversationId: null };
  const fixed = STATIC[path];
  if (fixed) return fixed;
  const match = /^\/inbox\/([^/]+)$/.exec(path);
  if (match?.[1]) return { name: "inbox", conversationId: decodeURIComponent(match[1]) };
  const template = /^\/templates\/([^/]+)(\/edit)?$/.exec(path);
  if (template?.[1]) {
    const templateId = decodeURIComponent(template[1]);
    return template[2] ? { name: "templateEdit", templateId } : { name: "template", templateId };
  }
  const webhook = /^\/webhooks\/([^/]+)$/.exec(path);
  if (webhook?.[1]) return { name: "webhook", endpointId: decodeURIComponent(webhook[1]) };
  return { name: "notFound" };
}

/** The path of a route. */
export function href(route: Route): string {
  switch (route.name) {
    case "inbox":
      return route.conversationId ? `/inbox/${encodeURIComponent(route.conversationId)}` : "/inbox";
    case "templateNew":
      return "/templates/new";
    case "template":
      return `/templates/${encodeURIComponent(route.templateId)}`;
    case "templateEdit":
      return `/templates/${encodeURIComponent(route.templateId)}/edit`;
    case "webhook":
      return `/webhooks/${encodeURIComponent(route.endpointId)}`;
    case "notFound":
      return "/";
    default:
      return `/${route.name}`;
  }
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

/** Goes to a same-origin path through the History API; `replace` keeps redirects out of Back. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === snapshot()) return;
  if (options.replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  for (const listener of listeners) listener();
}

/** The current location, re-rendering on navigation and Back/Forward. */
export function useLocation(): { pathname: string; search: string } {
  const current = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => {
    const url = new URL(current, "http://local");
    return { pathname: url.pathname, search: url.search };
  }, [current]);
}

/** The current route. */
export function useRoute(): Route {
  const { pathname } = useLocation();
  return useMemo(() => parsePath(pathname), [pathname]);
}

/** A post-login destination from `?next=`, accepted only as a same-origin path (no open redirect). */
export function safeNextPath(search: string): string | null {
  const next = new URLSearchParams(search).get("next");
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  return parsePath(next.split("?")[0] ?? "").name === "login" ? null : next;
}
