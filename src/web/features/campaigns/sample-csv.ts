import type { BulkTemplate } from "./template";

/** The example file's header: `telephone,prenom` then one column per variable. */
export function expectedHeader(variables: BulkTemplate["variables"]): string[] {
  return ["telephone", "prenom", ...variables.map((variable) => variable.column)];
}

const quoteCell = (value: string) => (/[",;\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * A CSV the recruiter can start from: the header and two rows with the template's own examples
 * (a placeholder from `exampleValue`, in the recruiter's language, where the template gives none).
 */
export function sampleCsv(bulk: BulkTemplate, exampleValue: (position: string) => string): string {
  const header = expectedHeader(bulk.variables).join(",");
  const values = bulk.variables.map((variable, index) => {
    const field = bulk.shape.fields.find(
      (item) => item.part === variable.part && item.name === variable.name,
    );
    return field?.example ?? exampleValue(String(index + 1));
  });
  return [
    header,
    ["06 12 34 56 78", "Youssef Alaoui", ...values].map(quoteCell).join(","),
    ["+212 6 98 76 54 32", "Salma Bennani", ...values].map(quoteCell).join(","),
  ].join("\n");
}
