import type { LoginBody, SessionResponse, UpdateMeBody, UserResponse } from "../../../contracts/accounts";
import { ApiError, apiRequest, setCsrfToken } from "../../api/client";

/** The current session, or null when nobody is logged in (the server answers 401). */
export async function fetchSession(): Promise<SessionResponse | null> {
  try {
    const session = await apiRequest<SessionResponse>("GET", "/api/auth/session", { redirectOn401: false });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Logs in; the server sets the httpOnly session cookie and returns the CSRF token for writes. */
export async function login(body: LoginBody): Promise<SessionResponse> {
  const session = await apiRequest<SessionResponse>("POST", "/api/auth/login", {
    body,
    redirectOn401: false,
  });
  setCsrfToken(session.csrfToken);
  return session;
}

/** Ends the session on the server; the cookie is cleared by the response. */
export async function logout(): Promise<void> {
  await apiRequest<void>("POST", "/api/auth/logout", { redirectOn401: false });
  setCsrfToken(null);
}

/** Updates the current user's own name or locale. */
export function updateMe(body: UpdateMeBody): Promise<UserResponse> {
  return apiRequest<UserResponse>("PATCH", "/api/auth/me", { body });
}
