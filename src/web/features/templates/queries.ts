import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  CreateTemplateBody,
  EditTemplateBody,
  StarterPackSubmitBody,
  TemplateResponse,
} from "../../../contracts/templates";
import { useRequiredSession } from "../auth/queries";
import {
  createTemplate,
  deleteTemplate,
  editTemplate,
  fetchStarterPack,
  fetchTemplate,
  listAllTemplates,
  listTemplates,
  submitStarter,
  syncTemplates,
} from "./api";
import { dropTemplate, staleStarters, storeTemplate, templateKeys } from "./cache";

function useClientId(): string {
  return useRequiredSession().client.id;
}

/** Every template of every number; `template:updated` patches it, so it is not refetched on focus. */
export function useAllTemplates() {
  return useQuery({
    queryKey: templateKeys.list(useClientId()),
    queryFn: listAllTemplates,
    refetchOnWindowFocus: false,
    staleTime: 5 * 60_000,
  });
}

/** One number's templates, every status (pickers say why the others can't be chosen). */
export function useConnectionTemplates(connectionId: string | null) {
  return useQuery({
    queryKey: templateKeys.ofConnection(useClientId(), connectionId ?? "none"),
    queryFn: () => listTemplates(connectionId as string),
    enabled: Boolean(connectionId),
    refetchOnWindowFocus: false,
    staleTime: 5 * 60_000,
  });
}

/** One template with its history; the open page follows `template:updated` live. */
export function useTemplate(id: string) {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: templateKeys.detail(clientId, id),
    queryFn: () => fetchTemplate(id),
    initialData: () =>
      queryClient
        .getQueryData<TemplateResponse[]>(templateKeys.list(clientId))
        ?.find((item) => item.id === id),
    initialDataUpdatedAt: 0,
    refetchOnWindowFocus: false,
    retry: (count, error) =>
      count < 2 && !(error instanceof Error && "status" in error && error.status === 404),
  });
}

export function useStarterPack(connectionId: string | null, companyName: string) {
  return useQuery({
    queryKey: templateKeys.starters(useClientId(), connectionId ?? "none", companyName.trim()),
    queryFn: () => fetchStarterPack(connectionId as string, companyName),
    enabled: Boolean(connectionId),
    placeholderData: (previous) => previous,
  });
}

/** The answer to a submit goes into the lists at once; the socket event that follows is a no-op. */
function useStoreCreated() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return (templates: readonly TemplateResponse[]) => {
    for (const template of templates) storeTemplate(queryClient, clientId, template);
    staleStarters(queryClient, clientId);
  };
}

export function useCreateTemplate() {
  const store = useStoreCreated();
  return useMutation({
    mutationFn: (body: CreateTemplateBody) => createTemplate(body),
    onSuccess: (result) => store(result.templates),
  });
}

export function useSubmitStarter() {
  const store = useStoreCreated();
  return useMutation({
    mutationFn: (body: StarterPackSubmitBody) => submitStarter(body),
    onSuccess: (result) => store(result.templates),
  });
}

export function useEditTemplate(id: string) {
  const store = useStoreCreated();
  return useMutation({
    mutationFn: (body: EditTemplateBody) => editTemplate(id, body),
    onSuccess: (template) => store([template]),
  });
}

export function useDeleteTemplate() {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (template: { id: string; connectionId: string }) => deleteTemplate(template.id),
    onSuccess: (_result, template) => {
      dropTemplate(queryClient, clientId, template.id, template.connectionId);
      staleStarters(queryClient, clientId);
    },
  });
}

/** Asks Meta for a number's templates now (what was made in Meta's own tools appears). */
export function useSyncTemplates(connectionId: string | null) {
  const clientId = useClientId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => syncTemplates(connectionId as string),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templateKeys.all(clientId) }),
  });
}
