import type {
  ConnectionResponse,
  EmbeddedSignupSession,
  InitiateSignupResponse,
} from "../../../contracts/connections";
import type { LinkojobNumberOffer } from "../../../contracts/virtual-numbers";
import { apiRequest } from "../../api/client";

export type { ConnectionResponse, EmbeddedSignupSession, InitiateSignupResponse, LinkojobNumberOffer };

/** What `POST /api/auth/whatsapp/complete` answers (202). */
export interface CompleteSignupResult {
  outcome: "connecting" | "cancelled";
  connection: ConnectionResponse | null;
  /** For a cancellation: the dialog's step or error message. */
  detail: string | null;
}

const byId = (id: string) => `/api/connections/${encodeURIComponent(id)}`;

/** Every number of the client, with onboarding steps and health. */
export async function listConnections(): Promise<ConnectionResponse[]> {
  const body = await apiRequest<{ connections: ConnectionResponse[] }>("GET", "/api/connections");
  return body.connections;
}

export function fetchConnection(id: string): Promise<ConnectionResponse> {
  return apiRequest<ConnectionResponse>("GET", byId(id));
}

/** A single-use `state` bound to this session, and what the browser needs to open Embedded Signup. */
export function initiateSignup(): Promise<InitiateSignupResponse> {
  return apiRequest<InitiateSignupResponse>("POST", "/api/auth/whatsapp/initiate");
}

/** Hands the dialog's code (sent at once: it lives about 30 s) and its session message to the server. */
export function completeSignup(body: {
  state: string;
  code?: string;
  session?: EmbeddedSignupSession;
}): Promise<CompleteSignupResult> {
  return apiRequest<CompleteSignupResult>("POST", "/api/auth/whatsapp/complete", { body });
}

/** Resumes a failed onboarding at its failed step, with the number's existing PIN when asked for. */
export function retryConnection(id: string, pin?: string): Promise<ConnectionResponse> {
  return apiRequest<ConnectionResponse>("POST", `${byId(id)}/retry`, { body: pin ? { pin } : {} });
}

/** Asks Meta about the token and the number now. */
export function checkConnection(id: string): Promise<ConnectionResponse> {
  return apiRequest<ConnectionResponse>("POST", `${byId(id)}/check`);
}

/** Deregisters the number and unsubscribes the app; conversations stay readable. */
export function disconnectConnection(connectionId: string): Promise<ConnectionResponse> {
  return apiRequest<ConnectionResponse>("DELETE", "/api/auth/whatsapp/disconnect", {
    body: { connectionId },
  });
}

/** Whether the client may take one of LinkoJob's numbers now, and its monthly fee. */
export function fetchLinkojobOffer(): Promise<LinkojobNumberOffer> {
  return apiRequest<LinkojobNumberOffer>("GET", "/api/linkojob-numbers");
}

/** Takes a free LinkoJob number at once, under the client's display name (Meta reviews it). */
export function takeLinkojobNumber(displayName: string): Promise<ConnectionResponse> {
  return apiRequest<ConnectionResponse>("POST", "/api/linkojob-numbers", { body: { displayName } });
}
