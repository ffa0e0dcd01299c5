import { useI18n } from "../../../i18n/I18nProvider";
import type { Locale } from "../../../i18n/locale";

// The lightbox's and the location map's words: loaded with them, not with the inbox. Same rules
// as the main catalogue (U+00A0 before ":").
const NBSP = "\u00a0";

const fr = {
  map: (place: string) => `Carte${NBSP}: ${place}`,
  counter: (position: string, total: string) => `${position} / ${total}`,
  previous: "Précédente",
  next: "Suivante",
  zoomIn: "Zoom avant",
  zoomOut: "Zoom arrière",
  zoomLevel: (value: string) => `Zoom ${value}`,
  photoGone: `Cette photo n’est plus disponible${NBSP}: elle a été supprimée ou retirée.`,
  videoGone: `Cette vidéo n’est plus disponible${NBSP}: elle a été supprimée ou retirée.`,
};
export type MediaMessages = typeof fr;

const en: MediaMessages = {
  map: (place) => `Map: ${place}`,
  counter: (position, total) => `${position} / ${total}`,
  previous: "Previous",
  next: "Next",
  zoomIn: "Zoom in",
  zoomOut: "Zoom out",
  zoomLevel: (value) => `Zoom ${value}`,
  photoGone: "This photo is no longer available: it was deleted or withdrawn.",
  videoGone: "This video is no longer available: it was deleted or withdrawn.",
};

const ar: MediaMessages = {
  map: (place) => `خريطة: ${place}`,
  counter: (position, total) => `${position} / ${total}`,
  previous: "السابق",
  next: "التالي",
  zoomIn: "تكبير",
  zoomOut: "تصغير",
  zoomLevel: (value) => `التكبير ${value}`,
  photoGone: "لم تعد هذه الصورة متاحة: لقد حُذفت أو سُحبت.",
  videoGone: "لم يعد هذا الفيديو متاحًا: لقد حُذف أو سُحب.",
};

export const MEDIA_CATALOGUES: Record<Locale, MediaMessages> = { fr, en, ar };

/** `const { tm } = useMediaI18n()`: the lightbox's and map's words, with the main catalogue's tools. */
export function useMediaI18n() {
  const i18n = useI18n();
  return { ...i18n, tm: MEDIA_CATALOGUES[i18n.locale] };
}
