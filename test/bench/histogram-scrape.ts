/**
 * The product's Prometheus histograms and gauges read from its `/metrics`, so a bench can say where
 * inside the product a delay was spent (e.g. from a domain event's recording to its emission to the
 * sockets) beside what its clients measured from outside.
 */
export type Buckets = Map<number, number>;

/** The product's `/metrics` text. */
export async function scrapeMetrics(appUrl: string): Promise<string> {
  return (await fetch(`${appUrl}/metrics`)).text();
}

/** The cumulative bucket counts of `name` (every label set added up), keyed by upper bound. */
export async function scrapeHistogram(appUrl: string, name: string): Promise<Buckets> {
  return histogramOf(await scrapeMetrics(appUrl), name);
}

/**
 * The cumulative bucket counts of `name` in a `/metrics` text, every label set added up (or only
 * those holding `withLabel`, e.g. `role="web"`), keyed by upper bound.
 */
export function histogramOf(metrics: string, name: string, withLabel?: string): Buckets {
  const buckets: Buckets = new Map();
  const pattern = new RegExp(`^${name}_bucket\\{(?:.*,)?le="([^"]+)"(?:,.*)?\\} (\\S+)$`);
  for (const line of metrics.split("\n")) {
    const match = pattern.exec(line);
    if (!match || (withLabel && !line.includes(withLabel))) continue;
    const bound = match[1] === "+Inf" ? Number.POSITIVE_INFINITY : Number(match[1]);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(match[2]));
  }
  return buckets;
}

/** A gauge's value in a `/metrics` text (its first label set), or null when absent. */
export function gaugeOf(metrics: string, name: string): number | null {
  const line = metrics.split("\n").find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(" ").at(-1)) : null;
}

/**
 * The upper bound of the bucket holding quantile `q` of what was observed between two scrapes
 * (a histogram says no more than that): "≤ 0.1" means the quantile is at most 100 ms.
 */
export function quantileBound(before: Buckets, after: Buckets, q: number): number | null {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counts = bounds.map((bound) => (after.get(bound) ?? 0) - (before.get(bound) ?? 0));
  const total = counts.at(-1) ?? 0;
  if (total === 0) return null;
  const index = counts.findIndex((count) => count >= q * total);
  return bounds[index] ?? null;
}
