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
import { pipelineRepository } from "./conversations/pipeline.repository";
import { preferencesRepository } from "./conversations/preferences.repository";
import { costsRepository } from "./costs/costs.repository";
import { messagesRepository } from "./messaging/messages.repository";
import { messagingLimitRepository } from "./messaging/outbound/messaging-limit.repository";
import { outboxRepository } from "./messaging/outbound/outbox.repository";
import { webhookEndpointsRepository } from "./outbound-webhooks/endpoints.repository";
import { quickRepliesRepository } from "./quick-replies/quick-replies.repository";
import { reportsRepository } from "./reports/reports.repository";
import { templateEventsRepository } from "./templates/template-events.repository";
import { templatesRepository } from "./templates/templates.repository";

/** Every tenant-owned repository, each built with the client id baked into its queries. */
const factories = {
  clients: clientsRepository,
  users: usersRepository,
  apiKeys: apiKeysRepository,
  audit: auditRepository,
  connections: connectionsRepository,
  contacts: contactsRepository,
  conversations: conversationsRepository,
  messages: messagesRepository,
  outbox: outboxRepository,
  messagingLimit: messagingLimitRepository,
  templates: templatesRepository,
  templateEvents: templateEventsRepository,
  notes: notesRepository,
  preferences: preferencesRepository,
  campaigns: campaignsRepository,
  webhookEndpoints: webhookEndpointsRepository,
  costs: costsRepository,
  quickReplies: quickRepliesRepository,
  pipeline: pipelineRepository,
  reports: reportsRepository,
};
type Factories = typeof factories;

export type TenantRepositories = { readonly [Name in keyof Factories]: ReturnType<Factories[Name]> };

/** Builds each repository on first use: most work touches two or three of them. */
class LazyRepositories {
  readonly built: Partial<Record<keyof Factories, unknown>> = {};
  constructor(readonly scope: TenantScope) {}
}
for (const name of Object.keys(factories) as (keyof Factories)[]) {
  Object.defineProperty(LazyRepositories.prototype, name, {
    get(this: LazyRepositories) {
      this.built[name] ??= factories[name](this.scope);
      return this.built[name];
    },
  });
}

/**
 * The repository factory: the one place tenant-owned data is reached from. A request's context
 * holds the result, built for the authenticated client; services never see an unscoped query.
 */
export function tenantRepositories(db: Db, clientId: string): TenantRepositories {
  return new LazyRepositories({ db, clientId }) as unknown as TenantRepositories;
}

/**
 * Runs `work` in one transaction with the client's repositories bound to it; `tx` is for what
 * must commit with the data (jobs enqueued, domain events recorded).
 */
export function inTenantTransaction<T>(
  db: Db,
  clientId: string,
  work: (repos: TenantRepositories, tx: Db) => Promise<T>,
): Promise<T> {
  return db.transaction((tx) => work(tenantRepositories(tx, clientId), tx));
}
