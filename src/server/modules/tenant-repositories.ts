import type { Db } from "../platform/db/client";
import type { TenantScope } from "../platform/db/tenant-scope";
import { apiKeysRepository } from "./accounts/api-keys.repository";
import { clientsRepository } from "./accounts/clients.repository";
import { usersRepository } from "./accounts/users.repository";
import { auditRepository } from "./audit/audit.repository";
import { campaignsRepository } from "./campaigns/campaigns.repository";
import { connectionsRepository } from "./connections/connections.repository";
import { contactsRepository } from "./conversations/contacts.repository";
import { conversationsRepository } from "./conversations/conversations.repository";
import { notesRepository } from "./conversations/notes.repository";
import { messagesRepository } from "./messaging/messages.repository";
import { outboxRepository } from "./messaging/outbox.repository";
import { templatesRepository } from "./templates/templates.repository";

/**
 * The repository factory: the one place tenant-owned data is reached from. A request's context
 * holds the result, built for the authenticated client; services never see an unscoped query.
 */
export function tenantRepositories(db: Db, clientId: string) {
  const scope: TenantScope = { db, clientId };
  return {
    clients: clientsRepository(scope),
    users: usersRepository(scope),
    apiKeys: apiKeysRepository(scope),
    audit: auditRepository(scope),
    connections: connectionsRepository(scope),
    contacts: contactsRepository(scope),
    conversations: conversationsRepository(scope),
    messages: messagesRepository(scope),
    outbox: outboxRepository(scope),
    templates: templatesRepository(scope),
    notes: notesRepository(scope),
    campaigns: campaignsRepository(scope),
  };
}
export type TenantRepositories = ReturnType<typeof tenantRepositories>;
