import { useQuery } from "@tanstack/react-query";
import { useSettled } from "../../../../ui/useSettled";
import { searchContacts } from "../../api";
import { isSameNumber, MIN_LOOKUP_DIGITS } from "../../model/phone";
import { useIds } from "../../queries";

/** How long the typing pauses before the number is looked up. */
const LOOKUP_PAUSE_MS = 350;

/**
 * The client's candidate with the number being typed, once the typing pauses; null when the
 * number is no one's yet (or too short to tell).
 */
export function useKnownCandidate(phone: string) {
  const { clientId } = useIds();
  const settled = useSettled(phone.trim(), LOOKUP_PAUSE_MS);
  const isLong = settled.replace(/\D/g, "").length >= MIN_LOOKUP_DIGITS;
  const found = useQuery({
    queryKey: [clientId, "contacts", "by-phone", settled] as const,
    queryFn: ({ signal }) => searchContacts(settled, signal),
    enabled: isLong,
    staleTime: 30_000,
  });
  // Only while the number shown is the one looked up: a number being retyped is no one's yet.
  if (!isLong || settled !== phone.trim()) return null;
  return found.data?.find((contact) => isSameNumber(settled, contact.phone)) ?? null;
}
