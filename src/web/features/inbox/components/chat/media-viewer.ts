import { createContext } from "react";

/**
 * Opens the chat's lightbox on a photo or video message (the message list provides it; its
 * bubbles are memoised, so the opener comes through context rather than through each of them).
 */
export const MediaViewerContext = createContext<((messageId: string) => void) | null>(null);
