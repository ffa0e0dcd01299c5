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
