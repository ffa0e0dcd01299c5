// Hiring stages and labels: where a candidate stands in the client's hiring (one stage per
// conversation, from the client's own ordered list) and the free labels the team puts on chats.
// Shared by the server, the dashboard and the seeding of new clients. Free of zod, like constants.ts.

/** The small fixed palette stages and labels are drawn in (the dashboard maps each to its colors). */
export const PIPELINE_COLORS = [
  "gray",
  "blue",
  "teal",
  "green",
  "amber",
  "orange",
  "red",
  "purple",
  "pink",
] as const;
export type PipelineColor = (typeof PIPELINE_COLORS)[number];

/**
 * `active`: the candidate is still in the hiring. `closed`: the hiring ended for them (hired,
 * rejected); LinkoJob and the dashboard read it so without knowing the stage's name.
 */
export const STAGE_KINDS = ["active", "closed"] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** How many stages and labels a client may have. */
export const MAX_STAGES = 30;
export const MAX_LABELS = 100;
export const PIPELINE_NAME_MAX = 40;

/**
 * The stages every client starts with (the migration gave the same ones to the clients that existed
 * before): renamed, recoloured, reordered or deleted freely afterwards.
 */
export const DEFAULT_STAGES: readonly { name: string; color: PipelineColor; kind: StageKind }[] = [
  { name: "Contacté", color: "blue", kind: "active" },
  { name: "Présélection", color: "purple", kind: "active" },
  { name: "Entretien", color: "amber", kind: "active" },
  { name: "Offre", color: "teal", kind: "active" },
  { name: "Embauché", color: "green", kind: "closed" },
  { name: "Refusé", color: "red", kind: "closed" },
];
