import type { QueryClient } from "@tanstack/react-query";
import type { TemplateResponse } from "../../../contracts/templates";

/**
 * Keys start with the client id, so one tenant's cache never answers for another. Every templates
 * query lives under `[clientId, "templates"]`: the studio's list of every number's templates, one
 * template with its history, one number's templates (the inbox's and the campaigns' pickers) and
 * the starter pack's offer.
 */
export const templateKeys = {
  all: (clientId: string) => [clientId, "templates"] as const,
  list: (clientId: string) => [clientId, "templates", "list"] as const,
  detail: (clientId: string, id: string) => [clientId, "templates", "detail", id] as const,
  ofConnection: (clientId: string, connectionId: string) => [clientId, "templates", connectionId] as const,
  starters: (clientId: string, connectionId: string, companyName: string) =>
    [clientId, "templates", "starters", connectionId, companyName] as const,
};

/**
 * The later of two versions of a template. Meta may approve before the submit's answer comes back:
 * the answer (still PENDING) must not undo the approval the socket already brought.
 */
function later(stored: TemplateResponse | undefined, incoming: TemplateResponse): TemplateResponse {
  return stored && Date.parse(stored.lastChangedAt) > Date.parse(incoming.lastChangedAt) ? stored : incoming;
}

function upsert(list: TemplateResponse[] | undefined, template: TemplateResponse) {
  if (!list) return list;
  return list.some((item) => item.id === template.id)
    ? list.map((item) => (item.id === template.id ? later(item, template) : item))
    : [...list, template];
}

/** A fresh template (a submit, an edit, Meta's review) into every cached list and its own page. */
export function storeTemplate(queryClient: QueryClient, clientId: string, template: TemplateResponse): void {
  queryClient.setQueryData<TemplateResponse>(templateKeys.detail(clientId, template.id), (stored) =>
    later(stored, template),
  );
  queryClient.setQueryData<TemplateResponse[]>(templateKeys.list(clientId), (list) => upsert(list, template));
  queryClient.setQueryData<TemplateResponse[]>(
    templateKeys.ofConnection(clientId, template.connectionId),
    (list) => upsert(list, template),
  );
}

/** A deleted template leaves the lists; its open page says it is gone. */
export function dropTemplate(
  queryClient: QueryClient,
  clientId: string,
  id: string,
  connectionId: string,
): void {
  const without = (list: TemplateResponse[] | undefined) => list?.filter((item) => item.id !== id);
  queryClient.setQueryData<TemplateResponse[]>(templateKeys.list(clientId), without);
  queryClient.setQueryData<TemplateResponse[]>(templateKeys.ofConnection(clientId, connectionId), without);
  queryClient.setQueryData<TemplateResponse>(
    templateKeys.detail(clientId, id),
    (template) => template && { ...template, status: "DELETED" },
  );
}

/** What the starter pack says exists changes with every template: ask again when next shown. */
export function staleStarters(queryClient: QueryClient, clientId: string): void {
  void queryClient.invalidateQueries({
    queryKey: [...templateKeys.all(clientId), "starters"],
    refetchType: "none",
  });
}
