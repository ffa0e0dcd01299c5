/**
 * Meta's Graph API versions, their release and expiry dates, as Meta's changelog lists them
 * (developers.facebook.com/docs/graph-api/changelog/versions, read 2026-12-05). Pure data and
 * rules, shared by the product (which refuses to start on an expired version and warns before
 * one expires) and the simulator (which serves each version as Meta does).
 *
 * Meta's rule for an expired version (developers.facebook.com/docs/graph-api/guides/versioning):
 * "once a version is no longer usable, any calls made to it will be defaulted to the next oldest
 * usable version" — served, not refused. A version Meta never released is not a Graph path.
 */
export interface GraphVersion {
  version: `v${number}.0`;
  released: string;
  /** The last day it is served as itself; `null` while Meta has not set one. */
  expires: string | null;
}

/** Newest first. Add a row when Meta releases a version; fill in `expires` when Meta dates it. */
export const GRAPH_VERSIONS: readonly GraphVersion[] = [
  { version: "v26.0", released: "2026-07-29", expires: null },
  { version: "v25.0", released: "2026-02-18", expires: "2028-07-29" },
  { version: "v24.0", released: "2025-10-08", expires: "2028-02-18" },
  { version: "v23.0", released: "2025-05-29", expires: "2027-10-08" },
  { version: "v22.0", released: "2025-01-21", expires: "2027-05-20" },
  { version: "v21.0", released: "2024-10-02", expires: "2027-01-21" },
  { version: "v20.0", released: "2024-05-21", expires: "2026-09-24" },
  { version: "v19.0", released: "2024-01-23", expires: "2026-05-21" },
  { version: "v18.0", released: "2023-09-12", expires: "2026-01-26" },
  { version: "v17.0", released: "2023-05-23", expires: "2025-09-12" },
  { version: "v16.0", released: "2023-02-02", expires: "2025-05-14" },
];

/** The version the product calls unless configured otherwise. */
export const DEFAULT_GRAPH_VERSION = "v25.0";

/** Major version number, e.g. 25 for `v25.0`. */
export function graphMajorVersion(version: string): number {
  return Number.parseInt(version.slice(1), 10);
}

const DAY_MS = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export type GraphVersionStanding =
  | { kind: "usable"; version: string; expires: string | null; daysLeft: number | null }
  | { kind: "expired"; version: string; expired: string; servedAs: string }
  | { kind: "unknown"; version: string };

/**
 * Where `version` stands on `on`: usable (with the days left before it expires), expired (and the
 * version Meta serves in its place: the oldest still usable), or unknown (not released by then,
 * or not a version Meta lists).
 */
export function graphVersionStanding(version: string, on: Date): GraphVersionStanding {
  const today = dayOf(on);
  const found = GRAPH_VERSIONS.find((v) => v.version === version);
  if (!found || found.released > today) return { kind: "unknown", version };
  if (found.expires === null || found.expires >= today) {
    const daysLeft =
      found.expires === null
        ? null
        : Math.floor((Date.parse(`${found.expires}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
    return { kind: "usable", version, expires: found.expires, daysLeft };
  }
  const usable = GRAPH_VERSIONS.filter(
    (v) => v.released <= today && (v.expires === null || v.expires >= today),
  );
  const oldest = usable.at(-1);
  return {
    kind: "expired",
    version,
    expired: found.expires,
    servedAs: oldest?.version ?? DEFAULT_GRAPH_VERSION,
  };
}
