import { serializeAsMeta, signatureFor } from "../../src/simulator/index";

/** A business number the load addresses: routed by `phone_number_id`, like Meta's deliveries. */
export interface BenchNumber {
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string;
}

/**
 * What one ingress run sends. Deterministic: the parent computes the expected counts from the same
 * spec the load generator builds its payloads from.
 */
export interface IngressSpec {
  runId: string;
  numbers: BenchNumber[];
  /** Distinct deliveries (before duplicates). */
  deliveries: number;
  /** Candidates writing to each number (their conversations are reused across deliveries). */
  candidatesPerNumber: number;
  /** Out of 5 deliveries, how many are status batches (the rest are inbound texts). */
  statusOutOf5: number;
  statusesPerDelivery: number;
  /** Every n-th delivery is posted a second time, same bytes (Meta's retry). 0: none. */
  duplicateEvery: number;
  /** Every n-th inbound text comes again in a different delivery, same wamid. 0: none. */
  rewrapEvery: number;
  /** Put the send time (epoch ms) in the text, for the real-time latency. */
  stampText: boolean;
}

export type PlannedDelivery =
  | { kind: "inbound"; index: number; number: number; wamid: string; from: string; rewrap: boolean }
  | { kind: "statuses"; index: number; number: number; status: "delivered" | "read"; targets: string[] };

/** The seeded outbound message a status delivery points at. */
export const statusTargetWamid = (runId: string, number: number, i: number) =>
  `wamid.bench.${runId}.out.${number}.${i}`;
export const candidateWaId = (number: number, candidate: number) =>
  `2127${String(number).padStart(2, "0")}${String(candidate).padStart(6, "0")}`;

/** The deliveries of a run in sending order, with the retries and re-deliveries in place. */
export function planIngress(spec: IngressSpec): {
  order: PlannedDelivery[];
  /** Per number: how many seeded outbound messages the status deliveries need. */
  statusTargetsPerNumber: number[];
  expected: {
    distinctBodies: number;
    requests: number;
    inboundWamids: number;
    statusItems: number;
    /** Seeded messages that get `read` after `delivered` (the others only `delivered`). */
    readTargets: number;
  };
} {
  const order: PlannedDelivery[] = [];
  const perNumber = spec.numbers.map(() => ({ inbound: 0, statusDeliveries: 0 }));
  const laterDuplicates: { at: number; delivery: PlannedDelivery }[] = [];
  let inboundWamids = 0;
  let statusItems = 0;
  let rewraps = 0;
  let duplicates = 0;
  for (let i = 0; i < spec.deliveries; i += 1) {
    const number = i % spec.numbers.length;
    const counters = perNumber[number]!;
    const isStatus = Math.floor(i / spec.numbers.length) % 5 < spec.statusOutOf5;
    let delivery: PlannedDelivery;
    if (isStatus) {
      // Pairs of deliveries: `delivered` for a group of messages, then `read` for the same group.
      const group = Math.floor(counters.statusDeliveries / 2);
      const status = counters.statusDeliveries % 2 === 0 ? "delivered" : "read";
      counters.statusDeliveries += 1;
      const targets = Array.from({ length: spec.statusesPerDelivery }, (_, k) =>
        statusTargetWamid(spec.runId, number, group * spec.statusesPerDelivery + k),
      );
      statusItems += targets.length;
      delivery = { kind: "statuses", index: i, number, status, targets };
    } else {
      const candidate = counters.inbound % spec.candidatesPerNumber;
      counters.inbound += 1;
      inboundWamids += 1;
      delivery = {
        kind: "inbound",
        index: i,
        number,
        wamid: `wamid.bench.${spec.runId}.in.${i}`,
        from: candidateWaId(number, candidate),
        rewrap: false,
      };
      if (spec.rewrapEvery > 0 && counters.inbound % spec.rewrapEvery === 0) {
        rewraps += 1;
        laterDuplicates.push({ at: i + 37, delivery: { ...delivery, rewrap: true } });
      }
    }
    order.push(delivery);
    if (spec.duplicateEvery > 0 && (i + 1) % spec.duplicateEvery === 0) {
      duplicates += 1;
      laterDuplicates.push({ at: i + 20, delivery });
    }
    while (laterDuplicates.length > 0 && laterDuplicates[0]!.at <= i)
      order.push(laterDuplicates.shift()!.delivery);
  }
  for (const { delivery } of laterDuplicates) order.push(delivery);
  return {
    order,
    statusTargetsPerNumber: perNumber.map(
      (c) => Math.ceil(c.statusDeliveries / 2) * spec.statusesPerDelivery,
    ),
    expected: {
      distinctBodies: spec.deliveries + rewraps,
      requests: spec.deliveries + rewraps + duplicates,
      inboundWamids,
      statusItems,
      readTargets: perNumber.reduce(
        (sum, c) => sum + Math.floor(c.statusDeliveries / 2) * spec.statusesPerDelivery,
        0,
      ),
    },
  };
}

const unix = (ms: number) => String(Math.floor(ms / 1000));

/** The delivery as Meta would post it: one entry, one `messages` change. */
export function deliveryPayload(
  spec: IngressSpec,
  delivery: PlannedDelivery,
  nowMs: number,
  fixedTimeMs: number,
): object {
  const number = spec.numbers[delivery.number]!;
  const value: Record<string, unknown> = {};
  if (delivery.kind === "inbound") {
    value.contacts = [
      {
        profile: {
          name: delivery.rewrap
            ? `Candidat ${delivery.from.slice(-4)} (re-sent)`
            : `Candidat ${delivery.from.slice(-4)}`,
        },
        wa_id: delivery.from,
      },
    ];
    value.messages = [
      {
        from: delivery.from,
        id: delivery.wamid,
        timestamp: unix(fixedTimeMs + delivery.index),
        type: "text",
        text: {
          body: spec.stampText
            ? `bench ${nowMs.toFixed(3)}`
            : `Bonjour, je suis intéressé(e) par le poste de technicien n°${delivery.index}. Merci !`,
        },
      },
    ];
  } else {
    value.statuses = delivery.targets.map((wamid, k) => ({
      id: wamid,
      status: delivery.status,
      timestamp: unix(fixedTimeMs + delivery.index * 10 + (delivery.status === "read" ? 5 : 0) + k),
      recipient_id: candidateWaId(delivery.number, k),
      ...(delivery.status === "delivered"
        ? {
            pricing: {
              billable: false,
              pricing_model: "PMP",
              type: "free_customer_service",
              category: "service",
            },
          }
        : {}),
    }));
  }
  return messagesDelivery(number, value);
}

/** A delivery of one `messages` change for a number, as Meta wraps it (`value` without its metadata). */
export function messagesDelivery(number: BenchNumber, value: Record<string, unknown>): object {
  const metadata = {
    display_phone_number: number.displayPhoneNumber.replace(/\D/g, ""),
    phone_number_id: number.phoneNumberId,
  };
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: number.wabaId,
        changes: [{ value: { messaging_product: "whatsapp", metadata, ...value }, field: "messages" }],
      },
    ],
  };
}

/** Meta's bytes and signature for a payload. */
export function signed(payload: object, appSecret: string): { body: string; signature: string } {
  const body = serializeAsMeta(payload);
  return { body, signature: signatureFor(body, appSecret) };
}
