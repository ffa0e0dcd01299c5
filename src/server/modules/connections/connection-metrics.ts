import { Gauge, type Registry } from "prom-client";
import type { Db } from "../../platform/db/client";
import { connectionDirectory } from "./connection-directory.repository";

/** An access token this close to its expiry is reported (alert `WhatsAppTokenExpiringSoon`). */
export const TOKEN_EXPIRY_WARNING_DAYS = 7;

const STATES = ["onboarding", "active", "needs_reconnect", "failed", "disconnected"] as const;

/**
 * Connection gauges, read from the database when Prometheus scrapes (every instance reports the
 * same values: alert rules take the `max`). A scrape while the database is down keeps the last
 * values; `database_up` says why.
 */
export function registerConnectionMetrics(registry: Registry, db: Db): void {
  const directory = connectionDirectory(db);
  new Gauge({
    name: "whatsapp_connections",
    help: "WhatsApp numbers by connection state (needs_reconnect: a client must reconnect it)",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const counts = await directory.countByState().catch(() => null);
      if (!counts) return;
      const byState = new Map(counts.map((c) => [c.state, c.count]));
      for (const state of STATES) this.set({ state }, byState.get(state) ?? 0);
    },
  });
  new Gauge({
    name: "whatsapp_tokens_expiring_soon",
    help: `Connections in use whose access token expires within ${TOKEN_EXPIRY_WARNING_DAYS} days or has expired`,
    registers: [registry],
    async collect() {
      const count = await directory.countTokensExpiringWithin(TOKEN_EXPIRY_WARNING_DAYS).catch(() => null);
      if (count !== null) this.set(count);
    },
  });
}
