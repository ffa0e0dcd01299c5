import type { LabelResponse, StageResponse } from "../../../contracts/pipeline";
import type { LabelRow, StageRow } from "./pipeline.repository";

export const presentStage = (row: StageRow): StageResponse => ({
  id: row.id,
  name: row.name,
  color: row.color,
  kind: row.kind,
  position: row.position,
});

export const presentLabel = (row: LabelRow): LabelResponse => ({
  id: row.id,
  name: row.name,
  color: row.color,
});
