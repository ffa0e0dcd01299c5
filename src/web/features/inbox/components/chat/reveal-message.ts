/** How long a shown message is kept in view while what is around it settles. */
const SETTLE_MS = 1500;
/** How long to wait for the message to be rendered (older pages still arriving on a slow machine). */
const WAIT_MS = 10_000;
/** A glide's own time, during which the message is on its way and not yet in view. */
const GLIDE_MS = 800;

function flash(element: HTMLElement) {
  element.classList.remove("msg--flash");
  void element.offsetWidth;
  element.classList.add("msg--flash");
  setTimeout(() => element.classList.remove("msg--flash"), 1600);
}

/**
 * Scrolls the history (and only it: `scrollIntoView` would also scroll the page on a phone, taking
 * the chat's header off the screen) so that the message's middle is the view's.
 */
function centre(view: HTMLElement, frame: DOMRect, box: DOMRect, behavior: ScrollBehavior) {
  const offset = box.top + box.height / 2 - (frame.top + frame.height / 2);
  view.scrollTo({ top: view.scrollTop + offset, behavior });
}

/**
 * Scrolls a message into the middle of the chat once it is rendered, flashes it, and keeps it there
 * while what is around it settles (pages of history rendered, pictures and web fonts loaded), which
 * on a slow machine can take several frames after the scroll. A message within a screen of the view
 * glides there; one further away is jumped to, as WhatsApp does. `beforeScroll` runs before each
 * scroll (the list stops following its latest message). Returns a function that stops it: the user
 * scrolled, or another message was asked for.
 */
export function revealMessage(id: string, beforeScroll: () => void): () => void {
  let stopped = false;
  let shownAt: number | null = null;
  let glide = false;
  const start = performance.now();
  const step = () => {
    if (stopped) return;
    const now = performance.now();
    const element = document.getElementById(`msg-${id}`);
    const view = element?.closest<HTMLElement>("[role=feed]");
    if (!element || !view) {
      if (now - start < WAIT_MS) requestAnimationFrame(step);
      return;
    }
    const frame = view.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    if (shownAt === null) {
      const near = box.bottom > frame.top - frame.height && box.top < frame.bottom + frame.height;
      glide = near && !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      beforeScroll();
      centre(view, frame, box, glide ? "smooth" : "auto");
      flash(element);
      shownAt = now;
    } else if (now - shownAt > SETTLE_MS) {
      return;
    } else if (
      now - shownAt > (glide ? GLIDE_MS : 0) &&
      (box.bottom <= frame.top || box.top >= frame.bottom)
    ) {
      // Pulled out of view by something that moved the history meanwhile: back to it.
      beforeScroll();
      centre(view, frame, box, "auto");
    }
    requestAnimationFrame(step);
  };
  step();
  return () => {
    stopped = true;
  };
}
