import type { VirtualNumber, VirtualNumberDetail } from "../../../contracts/virtual-numbers";
import type { AssignmentRow, VirtualNumberRow, VirtualWabaRow } from "./virtual-numbers.repository";
import { stateOf } from "./virtual-numbers.service";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function presentAssignment(row: AssignmentRow) {
  return {
    id: row.id,
    clientId: row.clientId,
    connectionId: row.connectionId,
    displayName: row.displayName,
    assignedAt: row.assignedAt.toISOString(),
    releasedAt: iso(row.releasedAt),
  };
}

export function presentVirtualNumber(view: {
  number: VirtualNumberRow;
  wabaId: string;
  assignment: AssignmentRow | null;
}): VirtualNumber {
  const state = stateOf(view.number);
  return {
    id: view.number.id,
    wabaId: view.wabaId,
    phoneNumberId: view.number.phoneNumberId,
    displayPhoneNumber: view.number.displayPhoneNumber,
    state,
    quarantinedUntil: state === "quarantined" ? iso(view.number.quarantinedUntil) : null,
    assignment: view.assignment ? presentAssignment(view.assignment) : null,
  };
}

export function presentVirtualNumberDetail(view: {
  number: VirtualNumberRow;
  wabaId: string;
  assignment: AssignmentRow | null;
  history: AssignmentRow[];
}): VirtualNumberDetail {
  return { ...presentVirtualNumber(view), history: view.history.map(presentAssignment) };
}

export const presentVirtualWaba = (row: VirtualWabaRow) => ({
  id: row.id,
  wabaId: row.wabaId,
  name: row.name,
});
