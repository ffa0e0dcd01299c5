import { navigate } from "../../app/router";

const SOUND_KEY = "linkojob.notificationSound";

const soundListeners = new Set<() => void>();

/** Whether a sound plays for each new message (a per-device choice, off by default). */
export function isSoundOn(): boolean {
  try {
    return window.localStorage.getItem(SOUND_KEY) === "on";
  } catch {
    return false;
  }
}

export function setSoundOn(on: boolean): void {
  try {
    window.localStorage.setItem(SOUND_KEY, on ? "on" : "off");
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
  for (const listener of soundListeners) listener();
}

export function subscribeSound(listener: () => void): () => void {
  soundListeners.add(listener);
  return () => soundListeners.delete(listener);
}

export type PermissionState = NotificationPermission | "unsupported";

export function notificationPermission(): PermissionState {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

/** Asked only from a button the user pressed, never on load. */
export async function askPermission(): Promise<PermissionState> {
  if (typeof Notification === "undefined") return "unsupported";
  return Notification.requestPermission();
}

/** A short two-tone chime made on the spot (no audio file to download). */
function chime(): void {
  try {
    const audio = new AudioContext();
    const gain = audio.createGain();
    gain.connect(audio.destination);
    gain.gain.setValueAtTime(0.0001, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.15, audio.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.35);
    for (const [frequency, start] of [
      [880, 0],
      [1320, 0.12],
    ] as const) {
      const tone = audio.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(audio.currentTime + start);
      tone.stop(audio.currentTime + start + 0.2);
    }
    setTimeout(() => void audio.close(), 600);
  } catch {
    // No audio output (or autoplay refused): the badge and notification still tell.
  }
}

/**
 * A browser notification (if allowed) that opens a chat when clicked. `tag` replaces an earlier
 * notification with the same tag rather than piling them up.
 */
export function showBrowserNotification(input: {
  title: string;
  body: string;
  tag: string;
  conversationId: string;
}): void {
  if (notificationPermission() !== "granted") return;
  try {
    const notification = new Notification(input.title, { body: input.body, tag: input.tag });
    notification.onclick = () => {
      window.focus();
      navigate(`/inbox/${encodeURIComponent(input.conversationId)}`);
      notification.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker: the badge remains.
  }
}

/**
 * A candidate's new message while this tab is in the background: a browser notification (if
 * allowed) that opens the chat, and the chime (if chosen). The tab title counts unread chats on
 * its own (`useUnreadChats`), in the background and in front alike.
 */
export function notifyIncoming(input: { title: string; body: string; conversationId: string }): void {
  if (document.visibilityState === "visible") return;
  showBrowserNotification({ ...input, tag: input.conversationId });
  if (isSoundOn()) chime();
}
