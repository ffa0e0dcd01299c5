import { Field } from "../../../../ui/Field";
import { firstNameWords, variableWords } from "../../../templates/names";
import { useInboxI18n } from "../../i18n";
import { firstNameField, type TemplateField } from "../../model/templates";
import type { TemplateFormState } from "./useTemplateForm";

/**
 * One labelled, required field per variable, named after what it holds and its example
 * (`Prénom (ex. Ana)`), never `{{1}}`.
 */
export function TemplateFields({ form }: { form: TemplateFormState }) {
  const { ti, locale } = useInboxI18n();
  const { shape } = form;
  if (!shape) return <p className="template-fields__choose">{ti.templates.choose}</p>;
  if (shape.fields.length === 0) return <p className="template-fields__choose">{ti.templates.noFields}</p>;
  const firstName = firstNameField(shape);

  const label = (field: TemplateField) => {
    switch (field.part) {
      case "headerMedia":
        return ti.templates.headerMedia[field.name as "image" | "video" | "document"];
      case "button":
        return ti.templates.urlSuffix(shape.buttons[Number(field.name)]?.text ?? "");
      default: {
        const words =
          variableWords(field.name, locale) ??
          (field === firstName ? firstNameWords(locale) : ti.templates.valueN(field.name));
        const named = field.example ? ti.templates.fieldLabel(words, field.example) : words;
        return field.part === "header" ? ti.templates.inHeader(named) : named;
      }
    }
  };

  return (
    <fieldset className="template-fields">
      <legend className="template-fields__title">{ti.templates.fieldsTitle}</legend>
      {shape.fields.map((field) => (
        <Field key={field.key} label={label(field)} hint={field.prefix ? field.prefix : undefined}>
          <input
            className="input"
            required
            dir={field.part === "headerMedia" || field.part === "button" ? "ltr" : "auto"}
            type={field.part === "headerMedia" ? "url" : "text"}
            value={form.values[field.key] ?? ""}
            onChange={(event) => form.setValue(field.key, event.target.value)}
          />
        </Field>
      ))}
    </fieldset>
  );
}
