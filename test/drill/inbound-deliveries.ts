import { type BenchNumber, candidateWaId, deliveryPayload, type IngressSpec } from "../bench/payloads";
import { asMetaPosting, reserialised } from "./meta-bytes";
import { type Random, shuffle } from "./random";
import type { DrillScale } from "./scale";
import type { Posting } from "./webhook-poster";

export interface InboundPlan {
  /** Every POST of the load, shuffled: each distinct delivery once, plus its copies. */
  postings: Posting[];
  /** One distinct inbound message per distinct delivery. */
  wamids: string[];
  identicalCopies: number;
  reserialisedCopies: number;
}

/** One candidate's text to a number, as Meta delivers it (the bench's builder: a unique text per index). */
export function inboundPayload(
  number: BenchNumber,
  message: { index: number; wamid: string; from: string; sentAt: number },
): object {
  const spec: IngressSpec = {
    runId: "",
    numbers: [number],
    deliveries: 1,
    candidatesPerNumber: 1,
    statusOutOf5: 0,
    statusesPerDelivery: 0,
    duplicateEvery: 0,
    rewrapEvery: 0,
    stampText: false,
  };
  const { index, wamid, from, sentAt } = message;
  return deliveryPayload(
    spec,
    { kind: "inbound", index, number: 0, wamid, from, rewrap: false },
    sentAt,
    sentAt,
  );
}

export const inboundWamid = (runId: string, index: number) => `wamid.drill.${runId}.in.${index}`;

/**
 * The inbound load: `scale.deliveries` distinct deliveries, each a new text from a candidate to
 * one of the numbers; a share of them posted again (half the very same bytes, as Meta's retries,
 * half re-serialised, as a second delivery of the same event), and the whole shuffled.
 */
export function planInbound(
  scale: DrillScale,
  numbers: BenchNumber[],
  runId: string,
  appSecret: string,
  random: Random,
): InboundPlan {
  const sentAt = Date.now();
  const postings: Posting[] = [];
  const wamids: string[] = [];
  let identicalCopies = 0;
  let reserialisedCopies = 0;
  for (let index = 0; index < scale.deliveries; index += 1) {
    const number = index % numbers.length;
    const candidate = Math.floor(index / numbers.length) % scale.candidatesPerNumber;
    const wamid = inboundWamid(runId, index);
    const payload = inboundPayload(numbers[number]!, {
      index,
      wamid,
      from: candidateWaId(number, candidate),
      sentAt,
    });
    wamids.push(wamid);
    const original = asMetaPosting(wamid, payload, appSecret);
    postings.push(original);
    if (random() < scale.duplicateShare) {
      if (random() < 0.5) {
        identicalCopies += 1;
        postings.push(original);
      } else {
        reserialisedCopies += 1;
        postings.push(reserialised(wamid, payload, appSecret));
      }
    }
  }
  return { postings: shuffle(postings, random), wamids, identicalCopies, reserialisedCopies };
}
