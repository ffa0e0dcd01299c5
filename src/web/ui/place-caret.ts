import { flushSync } from "react-dom";

/**
 * Commits a text field's new value at once, then gives the field the focus with its caret (or a
 * selection) in the same turn. Keys typed right after a button or a picker changed the text land
 * in the text, where they belong: moved in a later frame, the focus let the first keystrokes go to
 * the button, or typed them before the selection that should have replaced a token.
 */
export function commitAndPlaceCaret(
  element: HTMLTextAreaElement | HTMLInputElement | null,
  commit: () => void,
  start: number,
  end = start,
): void {
  flushSync(commit);
  element?.focus();
  element?.setSelectionRange(start, end);
}
