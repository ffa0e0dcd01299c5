import { z } from "zod";

/** Months are whole, from one to twenty years; null keeps the data. */
const Months = z.number().int().min(1).max(240).nullable();

/** A client's retention: conversations without a message for N months, media files after M months. */
export const RetentionSettings = z.object({
  conversationMonths: Months,
  mediaMonths: Months,
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const UpdateRetentionBody = z
  .object({ conversationMonths: Months.optional(), mediaMonths: Months.optional() })
  .strict();

/** The erasure is confirmed by typing this word, so a click alone cannot erase a candidate. */
export const ERASE_CONFIRMATION = "ERASE";

export const EraseContactBody = z.object({ confirm: z.literal(ERASE_CONFIRMATION) }).strict();

export const EraseContactResponse = z.object({
  contactId: z.uuid(),
  /** True when this candidate had already been erased (the call changes nothing). */
  alreadyErased: z.boolean(),
  erased: z.record(z.string(), z.number().int()),
});
export type EraseContactResponse = z.infer<typeof EraseContactResponse>;

/** The export's format version, in its `candidate.json`. */
export const EXPORT_FORMAT = "linkojob.candidate-export.v1";
