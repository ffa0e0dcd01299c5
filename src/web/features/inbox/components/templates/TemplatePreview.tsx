import { Icon } from "../../../../ui/Icon";
import { useInboxI18n } from "../../i18n";
import { textDirection } from "../../model/bidi";
import { fillRuns } from "../../model/templates";
import type { TemplateFormState } from "./useTemplateForm";

/** The message as the candidate's phone will show it: on wallpaper, unfilled values highlighted. */
export function TemplatePreview({ form }: { form: TemplateFormState }) {
  const { ti } = useInboxI18n();
  const { shape, values } = form;
  if (!shape) return null;
  const runs = (text: string, part: "header" | "body") =>
    fillRuns(text, shape.named, (name) => values[`${part}.${name}`] ?? "").map((run, index) => (
      <span
        // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional and re-made on each change
        key={index}
        className={
          run.isMissing
            ? "preview-run preview-run--missing"
            : run.isValue
              ? "preview-run preview-run--value"
              : undefined
        }
      >
        {run.text}
      </span>
    ));
  const direction = textDirection(shape.body);
  return (
    <section
      className="template-preview"
      aria-label={`${ti.templates.preview} · ${ti.templates.previewHint}`}
    >
      <p className="template-preview__title">
        {ti.templates.preview} <span className="template-preview__hint">· {ti.templates.previewHint}</span>
      </p>
      <div className="template-preview__wall" dir={direction === "auto" ? undefined : direction}>
        <div className="template-preview__bubble">
          {shape.headerMedia ? (
            <span className="template-preview__media">
              <Icon name={shape.headerMedia === "document" ? "file" : "image"} size={28} />
            </span>
          ) : null}
          {shape.headerText ? (
            <p className="template-preview__header">{runs(shape.headerText, "header")}</p>
          ) : null}
          <p className="template-preview__body">{runs(shape.body, "body")}</p>
          {shape.footer ? <p className="template-preview__footer">{shape.footer}</p> : null}
        </div>
        {shape.buttons.length > 0 ? (
          <div className="template-preview__buttons">
            {shape.buttons.map((button, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: buttons have no id of their own
              <span key={index} className="template-preview__button">
                {button.type === "URL" ? <Icon name="external" size={16} /> : <Icon name="reply" size={16} />}
                {button.text}
              </span>
            ))}
          </div>
        ) : null}
      </div>
    </section>
  );
}
