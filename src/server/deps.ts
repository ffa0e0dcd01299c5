import type { Registry } from "prom-client";
import type { SsoVerifier } from "./modules/accounts/sso/sso-token";
import type { TokenUses } from "./modules/accounts/sso/token-uses";
import type { Resolver } from "./modules/outbound-webhooks/address-guard";
import type { AttemptCounters } from "./platform/attempt-counters";
import type { Config } from "./platform/config";
import type { TokenVault } from "./platform/crypto/token-vault";
import type { DatabaseAvailability } from "./platform/db/availability";
import type { Database } from "./platform/db/client";
import type { CommittedEvents } from "./platform/events/committed-events";
import type { GraphClient } from "./platform/graph/graph-client";
import type { JobQueue } from "./platform/jobs/queue";
import type { Logger } from "./platform/logger";
import type { LiveSockets } from "./platform/realtime/live-sockets";
import type { MediaStorage } from "./platform/storage/media-storage";

/** What the process holds once: handed to routes, services that need it, and job handlers. */
export interface ServerDeps {
  config: Config;
  database: Database;
  /** Whether the database answers: an outage is a 503 and two log lines (down, back). */
  databaseAvailability: DatabaseAvailability;
  log: Logger;
  queue: JobQueue<ServerDeps>;
  metrics: Registry;
  /** The only way to Meta (or the simulator, in sandbox and tests). */
  graph: GraphClient;
  vault: TokenVault;
  /** Throttling counts (failed logins): in Redis when configured, so every instance shares them. */
  attemptCounters: AttemptCounters;
  media: MediaStorage;
  /** Ends the sockets of a session, API key or user the moment their access ends. */
  sockets: LiveSockets;
  /** Committed domain events, handed to this process's sockets without re-reading them. */
  committedEvents: CommittedEvents;
  /** Single sign-on from LinkoJob: how tokens are checked, and where their ids are kept (single use). */
  sso: { verifier: SsoVerifier; tokenUses: TokenUses };
  /** Resolves webhook endpoints' host names (each address checked before it is called). */
  resolveHost: Resolver;
}
