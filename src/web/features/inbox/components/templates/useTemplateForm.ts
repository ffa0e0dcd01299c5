import { useMemo, useState } from "react";
import type { ContactLanguage } from "../../../../../contracts/contact-language";
import type { TemplateSendInput } from "../../../../../contracts/messages";
import { templateAvailability } from "../../../../../contracts/template-rules";
import { useI18n } from "../../../../i18n/I18nProvider";
import { templateLabel } from "../../../templates/names";
import { useConnectionTemplates } from "../../../templates/queries";
import type { TemplateResponse } from "../../api";
import {
  buildTemplateInput,
  fillRuns,
  languageFor,
  missingFields,
  prefill,
  type TemplateShape,
  templateShape,
} from "../../model/templates";

/** Whether Meta lets the template be sent now (approved; paced ones go out, more slowly). */
export function isAvailable(template: TemplateResponse): boolean {
  const availability = templateAvailability(template.status, template.statusReason);
  return availability === "sendable" || availability === "paced";
}

/** Only approved templates can be chosen; marketing ones not for a candidate who opted out. */
export function isSelectable(template: TemplateResponse, isOptedOut: boolean): boolean {
  return isAvailable(template) && !(isOptedOut && template.category === "MARKETING");
}

/** The text the candidate will read, variables filled in (the server renders the same way). */
export function renderedText(shape: TemplateShape, values: Record<string, string>): string {
  const fill = (text: string, part: "header" | "body") =>
    fillRuns(text, shape.named, (name) => values[`${part}.${name}`] ?? "")
      .map((run) => run.text)
      .join("");
  return [shape.headerText ? fill(shape.headerText, "header") : null, fill(shape.body, "body"), shape.footer]
    .filter((part): part is string => Boolean(part))
    .join("\n\n");
}

/**
 * State of a template being chosen and filled: list filters, the choice, its values, validity. The
 * language filter starts on the candidate's language when the number has templates in it.
 */
export function useTemplateForm(
  connectionId: string | null,
  candidateName: string | null,
  isOptedOut: boolean,
  candidateLanguage: ContactLanguage | null = null,
) {
  const { locale } = useI18n();
  const templates = useConnectionTemplates(connectionId);
  const [search, setSearch] = useState("");
  // null until the user picks a filter ("" is their choice of all languages).
  const [chosenLanguage, setLanguage] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});

  const all = templates.data ?? [];
  const languages = useMemo(() => [...new Set(all.map((template) => template.language))].sort(), [all]);
  const language = chosenLanguage ?? languageFor(languages, candidateLanguage) ?? "";
  const shown = useMemo(() => {
    const query = search.trim().toLocaleLowerCase();
    return all
      .filter((template) => !language || template.language === language)
      .filter(
        (template) =>
          !query ||
          template.name.toLocaleLowerCase().includes(query) ||
          templateLabel(template.name, locale).toLocaleLowerCase().includes(query),
      )
      .sort(
        (a, b) =>
          Number(isSelectable(b, isOptedOut)) - Number(isSelectable(a, isOptedOut)) ||
          templateLabel(a.name, locale).localeCompare(templateLabel(b.name, locale)) ||
          a.language.localeCompare(b.language),
      );
  }, [all, search, language, isOptedOut, locale]);
  const selected = all.find((template) => template.id === selectedId) ?? null;
  const shape = useMemo(() => (selected ? templateShape(selected) : null), [selected]);
  const missing = shape ? missingFields(shape, values) : [];

  function choose(template: TemplateResponse) {
    if (!isSelectable(template, isOptedOut)) return;
    setSelectedId(template.id);
    setValues(prefill(templateShape(template), candidateName));
  }

  const input: TemplateSendInput | null =
    selected && shape && missing.length === 0 ? buildTemplateInput(selected, shape, values) : null;

  return {
    templates,
    search,
    setSearch,
    language,
    setLanguage,
    languages,
    shown,
    selected,
    shape,
    values,
    setValue: (key: string, value: string) => setValues((current) => ({ ...current, [key]: value })),
    choose,
    missing,
    input,
    rendered: shape ? renderedText(shape, values) : "",
    isOptedOut,
  };
}

export type TemplateFormState = ReturnType<typeof useTemplateForm>;
