import type { OperatorClient, OperatorClientDetail } from "../../../contracts/operator";
import type { ClientRow } from "../accounts/clients.repository";
import { presentConnectionSummary } from "../connections/connections.presenter";
import type { getClientDetail } from "./operator.service";

export function presentOperatorClient(client: ClientRow): OperatorClient {
  return {
    id: client.id,
    name: client.name,
    defaultCountry: client.defaultCountry,
    externalId: client.externalId,
    state: client.suspendedAt ? "suspended" : "active",
    suspendedAt: client.suspendedAt?.toISOString() ?? null,
    suspensionReason: client.suspensionReason,
    isSsoOnly: client.isSsoOnly,
    createdAt: client.createdAt.toISOString(),
    updatedAt: client.updatedAt.toISOString(),
  };
}

export function presentClientDetail(
  detail: Awaited<ReturnType<typeof getClientDetail>>,
): OperatorClientDetail {
  const { usage } = detail;
  return {
    ...presentOperatorClient(detail.client),
    numbers: detail.numbers.map(presentConnectionSummary),
    usage: {
      since: usage.since.toISOString(),
      messagesSent: usage.messagesSent,
      messagesReceived: usage.messagesReceived,
      billableMessages: usage.billableMessages,
      costThisMonthMad: usage.costThisMonthMad,
      users: usage.users,
      contacts: usage.contacts,
      conversations: usage.conversations,
      lastMessageAt: usage.lastMessageAt ? new Date(usage.lastMessageAt).toISOString() : null,
    },
  };
}
