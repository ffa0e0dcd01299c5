import type { TestApp } from "./test-app";

/**
 * One sample of the app's `/metrics`, by its exact series (`name` or `name{labels}`): undefined
 * when the series is not there.
 */
export async function metricSample(
  app: Pick<TestApp, "inject">,
  series: string,
): Promise<number | undefined> {
  const body = (await app.inject({ method: "GET", url: "/metrics" })).body;
  const line = body.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
