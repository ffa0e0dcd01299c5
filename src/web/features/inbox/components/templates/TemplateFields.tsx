import { Field } from "../../../../ui/Field";
import { useInboxI18n } from "../../i18n";
import type { TemplateField } from "../../model/templates";
import type { TemplateFormState } from "./useTemplateForm";

/** One labelled, required field per variable, with the template's example as a hint. */
export function TemplateFields({ form }: { form: TemplateFormState }) {
  const { ti } = useInboxI18n();
  const { shape } = form;
  if (!shape) return <p className="template-fields__choose">{ti.templates.choose}</p>;
  if (shape.fields.length === 0) return <p className="template-fields__choose">{ti.templates.noFields}</p>;

  const label = (field: TemplateField) => {
    switch (field.part) {
      case "headerMedia":
        return ti.templates.headerMedia[field.name as "image" | "video" | "document"];
      case "header":
        return ti.templates.headerVariable(field.name);
      case "button":
        return ti.templates.urlSuffix(shape.buttons[Number(field.name)]?.text ?? "");
      default:
        return ti.templates.variable(field.name);
    }
  };

  return (
    <fieldset className="template-fields">
      <legend className="template-fields__title">{ti.templates.fieldsTitle}</legend>
      {shape.fields.map((field) => (
        <Field
          key={field.key}
          label={label(field)}
          hint={field.prefix ? field.prefix : field.example ? ti.templates.example(field.example) : undefined}
        >
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
