import type { CampaignDraft } from "../../../contracts/campaigns";
import { type TemplateAvailability, templateAvailability } from "../../../contracts/template-rules";
import type { TemplateResponse } from "../../../contracts/templates";
import { type TemplateShape, templateShape } from "../inbox/model/templates";

export type Recipient = CampaignDraft["recipients"][number];

/** A variable the template needs from each row: where it goes and the key its value is mapped by. */
export interface CsvVariable {
  part: "header" | "body" | "button";
  /** `1`, `first_name`, or a URL button's index. */
  name: string;
  /** Its key in the mapping and the example file's header: `1`, `first_name`, `header.1`, `button.0`. */
  column: string;
}

export interface BulkTemplate {
  template: TemplateResponse;
  shape: TemplateShape;
  /** The CSV columns after phone and name, in the order the candidate reads them. */
  variables: CsvVariable[];
  /** A header image, video or document needs a file the bulk send cannot take per row yet. */
  supported: boolean;
  /** Whether Meta lets it be sent (approved; paced ones go out more slowly), else why not. */
  availability: TemplateAvailability;
  /** Supported and available: the only ones a campaign can be made of. */
  choosable: boolean;
}

/** A template read for a bulk send: its texts and the one CSV column each variable needs. */
export function bulkTemplate(template: TemplateResponse): BulkTemplate {
  const shape = templateShape(template);
  const variables: CsvVariable[] = [];
  for (const field of shape.fields) {
    if (field.part === "body") variables.push({ part: "body", name: field.name, column: field.name });
    else if (field.part === "header")
      variables.push({ part: "header", name: field.name, column: `header.${field.name}` });
    else if (field.part === "button")
      variables.push({ part: "button", name: field.name, column: `button.${field.name}` });
  }
  const supported = shape.headerMedia === null;
  const availability = templateAvailability(template.status, template.statusReason);
  const available = availability === "sendable" || availability === "paced";
  return { template, shape, variables, supported, availability, choosable: supported && available };
}

/** `job_opportunity:fr`: a template is one name in one language. */
export const templateKey = (template: { name: string; language: string }) =>
  `${template.name}:${template.language}`;
