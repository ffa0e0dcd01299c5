import { z } from "zod";

export const TemplateResponse = z.object({
  id: z.uuid(),
  connectionId: z.uuid(),
  metaTemplateId: z.string(),
  name: z.string(),
  language: z.string(),
  /** MARKETING and UTILITY are charged when delivered; replies in the 24-hour window are free. */
  category: z.string(),
  status: z.string(),
  qualityScore: z.string().nullable(),
  parameterFormat: z.enum(["POSITIONAL", "NAMED"]),
  /** Meta's components (HEADER, BODY, FOOTER, BUTTONS) with their text and examples. */
  components: z.array(z.record(z.string(), z.unknown())),
  rejectionReason: z.string().nullable(),
  syncedAt: z.string(),
});
export type TemplateResponse = z.infer<typeof TemplateResponse>;

export const TemplateListQuery = z.object({
  connectionId: z.uuid().optional(),
  status: z.string().max(40).optional(),
  language: z.string().max(15).optional(),
});
export const TemplateListResponse = z.object({ templates: z.array(TemplateResponse) });
export const SyncTemplatesBody = z.object({ connectionId: z.uuid() });
export const SyncTemplatesResponse = z.object({ count: z.number().int() });
