/**
 * The stages' order after one is dropped on another's place: the moved stage takes the target's
 * place and the ones between shift by one, as in a list dragged by hand. Unknown ids or a drop on
 * itself leave the order as it is (null: nothing to save).
 */
export function movedTo(ids: readonly string[], movedId: string, targetId: string): string[] | null {
  const from = ids.indexOf(movedId);
  const to = ids.indexOf(targetId);
  if (from < 0 || to < 0 || from === to) return null;
  const order = ids.filter((id) => id !== movedId);
  order.splice(to, 0, movedId);
  return order;
}
