import { type RefObject, useEffect, useState } from "react";
import { mediaUrl } from "../api";
import { peaksOf, WAVEFORM_BARS } from "../model/waveform";

// Each voice note is fetched and decoded once per page, whichever bubbles draw it.
const decoded = new Map<string, Promise<DecodedVoice>>();

/** A voice note's bars (empty when it could not be decoded) and its length in seconds (0: unknown). */
export interface DecodedVoice {
  peaks: number[];
  duration: number;
}

const UNDECODED: DecodedVoice = { peaks: [], duration: 0 };

/** A low rate is plenty for peaks and decodes fast; 8 kHz is the least every browser accepts. */
const DECODE_RATE = 8000;

async function decodeVoice(mediaId: string): Promise<DecodedVoice> {
  const response = await fetch(mediaUrl(mediaId), { credentials: "same-origin" });
  if (!response.ok) return UNDECODED;
  const context = new OfflineAudioContext(1, 1, DECODE_RATE);
  const audio = await context.decodeAudioData(await response.arrayBuffer());
  const channels = Array.from({ length: audio.numberOfChannels }, (_, i) => audio.getChannelData(i));
  return { peaks: peaksOf(channels, WAVEFORM_BARS), duration: audio.duration };
}

/**
 * The waveform of a voice note, once its bubble is on screen (the file is fetched then, not for
 * the whole history): null until decoded, no bars when it cannot be (the caller draws a flat bar).
 */
export function useDecodedVoice(mediaId: string, target: RefObject<Element | null>): DecodedVoice | null {
  const [voice, setVoice] = useState<DecodedVoice | null>(null);
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    let cancelled = false;
    const load = () => {
      let pending = decoded.get(mediaId);
      if (!pending) {
        pending = decodeVoice(mediaId).catch(() => UNDECODED);
        decoded.set(mediaId, pending);
      }
      void pending.then((value) => {
        if (!cancelled) setVoice(value);
      });
    };
    if (typeof IntersectionObserver === "undefined") {
      load();
      return () => {
        cancelled = true;
      };
    }
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      load();
    });
    observer.observe(element);
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, [mediaId, target]);
  return voice;
}
