import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { Db } from "../../platform/db/client";
import { webhookEventsRepository } from "./webhook-events.repository";

const cache = new WeakMap<Registry, ReturnType<typeof create>>();

function create(registry: Registry, db: Db) {
  const repository = webhookEventsRepository(db);
  return {
    received: new Counter({
      name: "webhook_deliveries_received_total",
      help: "Webhook POSTs by outcome (accepted, duplicate, bad_signature)",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    changes: new Counter({
      name: "webhook_changes_total",
      help: "Webhook changes processed, by field (unknown fields are stored and counted here)",
      labelNames: ["field", "handled"],
      registers: [registry],
    }),
    processing: new Histogram({
      name: "webhook_processing_seconds",
      help: "Time from a delivery's receipt to the end of its processing",
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    intakeWrites: new Histogram({
      name: "webhook_intake_write_seconds",
      help: "One group of deliveries stored on receipt: its insert and its commit (what every acknowledgement of the group waits for)",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    intakeGroups: new Histogram({
      name: "webhook_intake_group_deliveries",
      help: "Deliveries per group stored on receipt (one insert and one commit each)",
      buckets: [1, 2, 5, 10, 20, 50, 100, 200],
      registers: [registry],
    }),
    failures: new Counter({
      name: "webhook_processing_failures_total",
      help: "Failed processing attempts of a delivery (retried, or set aside as dead after the last)",
      registers: [registry],
    }),
    lag: new Gauge({
      name: "webhook_lag_seconds",
      help: "Age of the oldest delivery not processed yet",
      registers: [registry],
      async collect() {
        // The database down: the last value stays, `database_up` says why (a failing collector
        // would fail the whole scrape).
        const age = await repository.oldestPendingAgeSeconds().catch(() => null);
        if (age !== null) this.set(age);
      },
    }),
    dead: new Gauge({
      name: "webhook_dead_deliveries",
      help: "Deliveries set aside after their last failed attempt, waiting for an operator (npm run webhooks:dead)",
      registers: [registry],
      async collect() {
        const dead = await repository.countDead().catch(() => null);
        if (dead !== null) this.set(dead);
      },
    }),
    unknownValues: new Counter({
      name: "webhook_unknown_values_total",
      help: "Items of a known field the product does not understand (kept raw in the delivery, not dropped)",
      labelNames: ["field", "what"],
      registers: [registry],
    }),
    unroutable: new Counter({
      name: "webhook_unroutable_changes_total",
      help: "Changes for phone numbers no client holds (kept on the delivery, not dropped)",
      registers: [registry],
    }),
  };
}

/** The webhook metrics of one app's registry (created once per registry). */
export function webhookMetrics(registry: Registry, db: Db) {
  let metrics = cache.get(registry);
  if (!metrics) {
    metrics = create(registry, db);
    cache.set(registry, metrics);
  }
  return metrics;
}
