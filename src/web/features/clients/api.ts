import type { ClientResponse } from "../../../contracts/accounts";
import { apiRequest } from "../../api/client";

/** The client's profile and its WhatsApp connections. */
export function fetchClient(clientId: string): Promise<ClientResponse> {
  return apiRequest<ClientResponse>("GET", `/api/clients/${encodeURIComponent(clientId)}`);
}
