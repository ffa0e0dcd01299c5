import { useEffect } from "react";
import { roleMay } from "../../../../contracts/roles";
import { useRequiredSession } from "../../auth/queries";
import { connectionLabel } from "../../clients/components/ConnectionField";
import { useCurrentClient, visibleConnections } from "../../clients/queries";

/** Whether the user may submit, edit and delete templates, and the numbers templates belong to. */
export function useTemplateAccess() {
  const { user, client } = useRequiredSession();
  const current = useCurrentClient();
  const connections = current.data ? visibleConnections(current.data.connections) : [];
  return {
    canManage: roleMay(user.role, "templates.manage"),
    clientName: current.data?.name ?? client.name,
    connections,
    active: connections.filter((connection) => connection.state === "active"),
    isLoading: current.isPending,
    numberOf(connectionId: string): string {
      const connection = connections.find((item) => item.id === connectionId);
      return connection ? connectionLabel(connection) : "—";
    },
  };
}

/**
 * After a page of the studio replaced what had focus (a chunk loaded, a skeleton became the page),
 * focus goes to its title rather than nowhere, so keyboards and screen readers start there.
 */
export function useTitleFocusWhenLost(): void {
  useEffect(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    document.querySelector<HTMLElement>(".page__title")?.focus({ preventScroll: true });
  }, []);
}
