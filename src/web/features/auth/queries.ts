import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SessionResponse, UpdateMeBody } from "../../../contracts/accounts";
import { ApiError } from "../../api/client";
import { navigate } from "../../app/router";
import { fetchSession, login, logout, updateMe } from "./api";

/** The session is the one query not keyed by client: it is what tells us the client. */
export const sessionKey = ["session"] as const;

/**
 * Replaces the session and drops every other cached query (they belong to the previous session).
 * Not `clear()`: that would also orphan the mounted session observers, which would never see the change.
 */
export function replaceSession(queryClient: QueryClient, session: SessionResponse | null): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
  queryClient.setQueryData(sessionKey, session);
}

/** The logged-in user and client, null when logged out. */
export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: fetchSession,
    staleTime: 5 * 60_000,
    // Only retry what may heal by itself; a 4xx will answer the same again.
    retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.status >= 500),
  });
}

/** The session of a screen that is only rendered when logged in. */
export function useRequiredSession(): SessionResponse {
  const { data } = useSession();
  if (!data) throw new Error("useRequiredSession rendered without a session");
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    // Another account may have used this tab: nothing cached under the old session survives.
    onSuccess: (session) => replaceSession(queryClient, session),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      // Leave first: with the session gone, the guard would otherwise send us to /login?next=….
      navigate("/login", { replace: true });
      replaceSession(queryClient, null);
    },
  });
}

/** Saves the user's own name or locale and patches the cached session with the result. */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateMeBody) => updateMe(body),
    onMutate: (body) => {
      // The language flips at once; the server's answer confirms it.
      const previous = queryClient.getQueryData<SessionResponse | null>(sessionKey);
      if (!previous || !body.locale) return { previousLocale: null };
      queryClient.setQueryData(sessionKey, { ...previous, user: { ...previous.user, locale: body.locale } });
      return { previousLocale: previous.user.locale };
    },
    onError: (_error, _body, context) => {
      // Roll back only the locale, and only while still logged in: a 401 has already ended the session.
      const current = queryClient.getQueryData<SessionResponse | null>(sessionKey);
      if (current && context?.previousLocale) {
        const user = { ...current.user, locale: context.previousLocale };
        queryClient.setQueryData(sessionKey, { ...current, user });
      }
    },
    onSuccess: (user) => {
      const current = queryClient.getQueryData<SessionResponse | null>(sessionKey);
      if (current) queryClient.setQueryData(sessionKey, { ...current, user });
    },
  });
}
