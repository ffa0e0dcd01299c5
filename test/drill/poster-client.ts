import type { ChildProcess } from "node:child_process";
import { ask, startChild } from "../bench/support";
import type { PosterReport, PosterRequest, Posting } from "./webhook-poster";

/** The drill's side of `webhook-poster.ts`: one request at a time, whoever asks. */
export interface Poster {
  child: ChildProcess;
  enqueue(postings: Posting[], pace?: { perSecond: number }): Promise<void>;
  report(): Promise<PosterReport>;
}

export async function startPoster(url: string, maxInFlight: number): Promise<Poster> {
  const child = startChild("test/drill/webhook-poster.ts", { label: "poster" });
  let queue: Promise<unknown> = Promise.resolve();
  const request = <T>(message: PosterRequest): Promise<T> => {
    const answer = queue.then(() => ask<T>(child, message, 60_000));
    queue = answer.catch(() => undefined);
    return answer;
  };
  await request({ type: "configure", url, maxInFlight });
  return {
    child,
    async enqueue(postings, pace) {
      // A few thousand at a time: one IPC message stays small.
      for (let i = 0; i < postings.length; i += 2000)
        await request({
          type: "enqueue",
          postings: postings.slice(i, i + 2000),
          paced: pace !== undefined,
          ...(pace ? { perSecond: pace.perSecond } : {}),
        });
    },
    report: () => request<PosterReport>({ type: "report" }),
  };
}
