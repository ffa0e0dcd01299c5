import type { ReactNode } from "react";
import { firstStrongDirection } from "../../../../../contracts/text-direction";
import { Icon, type IconName } from "../../../../ui/Icon";
import { fillRuns, type TemplateShape } from "../../model/templates";

const BUTTON_ICONS: Record<string, IconName> = {
  URL: "external",
  PHONE_NUMBER: "phone",
  COPY_CODE: "copy",
};

const MEDIA_ICONS: Record<string, IconName> = { image: "image", video: "play", document: "file" };

/**
 * A template as the candidate's phone draws it, on the chat wallpaper: header (text or media),
 * body, footer, time, then the buttons as strips. Values come from `valueOf`; one left blank
 * stays `{{name}}`, highlighted. `dir` lays the phone out (an Arabic template on an Arabic phone);
 * each text takes the direction of its first strong letter, as every message text does.
 */
export function TemplateBubble(props: {
  shape: TemplateShape;
  valueOf(part: "header" | "body", name: string): string;
  dir?: "ltr" | "rtl";
  /** A picture of the header file, when there is one to show (the builder's upload). */
  mediaPreview?: ReactNode;
  time?: string;
}) {
  const { shape } = props;
  const runs = (text: string, part: "header" | "body") =>
    fillRuns(text, shape.named, (name) => props.valueOf(part, name)).map((run, index) => (
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
  const direction = props.dir ?? firstStrongDirection(shape.body) ?? undefined;
  return (
    <div className="template-preview__wall" dir={direction}>
      <div className="template-preview__bubble">
        {shape.headerMedia ? (
          <span className="template-preview__media">
            {props.mediaPreview ?? <Icon name={MEDIA_ICONS[shape.headerMedia] ?? "file"} size={28} />}
          </span>
        ) : null}
        {shape.headerText ? (
          <p className="template-preview__header" dir={firstStrongDirection(shape.headerText) ?? "auto"}>
            {runs(shape.headerText, "header")}
          </p>
        ) : null}
        <p className="template-preview__body" dir={firstStrongDirection(shape.body) ?? "auto"}>
          {runs(shape.body, "body")}
        </p>
        {shape.footer ? (
          <p className="template-preview__footer" dir={firstStrongDirection(shape.footer) ?? "auto"}>
            {shape.footer}
          </p>
        ) : null}
        {props.time ? (
          <span className="template-preview__time" dir="ltr">
            {props.time}
          </span>
        ) : null}
      </div>
      {shape.buttons.length > 0 ? (
        <div className="template-preview__buttons">
          {shape.buttons.map((button, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: buttons have no id of their own
            <span key={index} className="template-preview__button">
              <Icon name={BUTTON_ICONS[button.type] ?? "reply"} size={16} />
              <bdi>{button.text}</bdi>
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
}
