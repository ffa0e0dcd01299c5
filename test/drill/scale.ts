/**
 * How big one drill run is. `npm run drill` runs the full scale; `npm run drill -- --small` the
 * same sequence with smaller counts and shorter faults, for CI.
 */
export interface DrillScale {
  name: "full" | "small";
  /** Distinct inbound deliveries, each one new inbound message (unique wamid). */
  deliveries: number;
  /** Share of the distinct deliveries posted a second time (half the same bytes, half re-serialised). */
  duplicateShare: number;
  /** Candidates writing in, per number (their conversations are reused). */
  candidatesPerNumber: number;
  /** Campaign recipients. */
  campaignRecipients: number;
  /** Seconds over which the inbound load is spread, and the campaign paced: both run through every fault. */
  loadSeconds: number;
  /** Seconds after the load starts before the product is killed (mid-burst). */
  killAfterSeconds: number;
  /** Seconds between the end of one fault's recovery and the start of the next fault. */
  calmSeconds: number;
  postgresDownSeconds: number;
  /** The simulator's send failures: a third each of 5xx, timeouts and 131000. */
  sendFailureSeconds: number;
  /** Share of the campaign's messages that also get a `failed` status from the drill. */
  failedShare: number;
  /** Upper bound on the wait for everything to settle after the last fault. */
  settleSeconds: number;
}

export const FULL: DrillScale = {
  name: "full",
  deliveries: 10_000,
  duplicateShare: 0.3,
  candidatesPerNumber: 500,
  campaignRecipients: 1_000,
  loadSeconds: 150,
  killAfterSeconds: 12,
  calmSeconds: 8,
  postgresDownSeconds: 20,
  sendFailureSeconds: 60,
  failedShare: 0.1,
  settleSeconds: 480,
};

export const SMALL: DrillScale = {
  name: "small",
  deliveries: 500,
  duplicateShare: 0.3,
  candidatesPerNumber: 50,
  campaignRecipients: 80,
  loadSeconds: 70,
  killAfterSeconds: 6,
  calmSeconds: 4,
  postgresDownSeconds: 5,
  sendFailureSeconds: 12,
  failedShare: 0.1,
  settleSeconds: 480,
};

export function scaleFromArgs(args: string[]): DrillScale {
  return args.includes("--small") ? SMALL : FULL;
}
