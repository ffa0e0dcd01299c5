import { useInboxI18n } from "../../i18n";
import { TemplateBubble } from "./TemplateBubble";
import type { TemplateFormState } from "./useTemplateForm";

/** The message as the candidate's phone will show it: on wallpaper, unfilled values highlighted. */
export function TemplatePreview({ form }: { form: TemplateFormState }) {
  const { ti } = useInboxI18n();
  const { shape, values } = form;
  if (!shape) return null;
  return (
    <section
      className="template-preview"
      aria-label={`${ti.templates.preview} · ${ti.templates.previewHint}`}
    >
      <p className="template-preview__title">
        {ti.templates.preview} <span className="template-preview__hint">· {ti.templates.previewHint}</span>
      </p>
      <TemplateBubble shape={shape} valueOf={(part, name) => values[`${part}.${name}`] ?? ""} />
    </section>
  );
}
