import { useId, useRef, useState } from "react";
import {
  TEMPLATE_BUTTON_TYPES,
  TEMPLATE_MEDIA_HEADER_FORMATS,
  type TemplateButtonDraft,
  type TemplateButtonType,
  type TemplateContentDraft,
  type TemplateHeaderDraft,
  type TemplateLanguage,
  type TemplateMediaHeaderFormat,
  variableNames,
} from "../../../../../contracts/template-rules";
import { describeError } from "../../../../api/errors";
import { isolateLtr } from "../../../../i18n/format";
import { Field } from "../../../../ui/Field";
import { Icon } from "../../../../ui/Icon";
import { MenuItem } from "../../../../ui/MenuItem";
import { Popover } from "../../../../ui/Popover";
import { commitAndPlaceCaret } from "../../../../ui/place-caret";
import { uploadTemplateMedia } from "../../api";
import { useTemplatesI18n } from "../../i18n";
import { insertAt, nextPositional } from "../../model/draft";
import { firstNameWords, variableWords } from "../../names";
import type { TemplateBuilderState } from "./useTemplateBuilder";
import { controlId } from "./useTemplateBuilder";
import { VariableMenu } from "./VariableMenu";

/** A header's kind as the radio group offers it. */
type HeaderKind = "NONE" | "TEXT" | TemplateMediaHeaderFormat;

const ACCEPT: Record<TemplateMediaHeaderFormat, string> = {
  IMAGE: "image/jpeg,image/png",
  VIDEO: "video/mp4",
  DOCUMENT: "application/pdf",
};

/** A header's sample file as picked here, for the preview (the handle alone can't be shown). */
export interface MediaPick {
  name: string;
  url: string | null;
}

/** One language's content: header, message with its variables and their samples, footer, buttons. */
export function ContentEditor(props: {
  builder: TemplateBuilderState;
  language: TemplateLanguage;
  errorAt(at: string, below?: boolean): string | null;
  media: MediaPick | null;
  onMedia(pick: MediaPick | null): void;
}) {
  const { tt } = useTemplatesI18n();
  const { builder, language, errorAt } = props;
  const content = builder.contentOf(language);
  const at = (path: string) => `lang:${language}.${path}`;
  const update = (part: string, change: (content: TemplateContentDraft) => TemplateContentDraft) =>
    builder.updateContent(language, part, change);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const headerRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const format = builder.parameterFormat;
  const header = content.header;
  const headerKind: HeaderKind = header ? header.format : "NONE";
  const dir = language === "ar" ? "rtl" : "ltr";

  function setHeaderKind(kind: HeaderKind) {
    props.onMedia(null);
    update("header", (current) => ({
      ...current,
      header:
        kind === "NONE"
          ? null
          : kind === "TEXT"
            ? {
                format: "TEXT",
                text: current.header?.format === "TEXT" ? current.header.text : "",
                examples: {},
              }
            : { format: kind, mediaHandle: "" },
    }));
  }

  /**
   * Puts a variable at the caret of the body (or the header's text), with its sample if none yet,
   * and the caret after it at once: the next keys typed land after the variable.
   */
  function insertVariable(part: "body" | "header", name: string, example: string | null) {
    const element = part === "body" ? bodyRef.current : headerRef.current;
    const target = part === "body" ? content.body : content.header?.format === "TEXT" ? content.header : null;
    if (!target) return;
    const placed = insertAt(
      target.text,
      element?.selectionStart ?? target.text.length,
      element?.selectionEnd ?? target.text.length,
      name,
    );
    const examples = { ...target.examples };
    if (example && !examples[name]) examples[name] = example;
    commitAndPlaceCaret(
      element,
      () =>
        update(part, (current) => {
          if (part === "body") return { ...current, body: { text: placed.text, examples } };
          if (current.header?.format !== "TEXT") return current;
          return { ...current, header: { ...current.header, text: placed.text, examples } };
        }),
      placed.caret,
    );
  }

  const headerVariables = header?.format === "TEXT" ? variableNames(header.text, format) : [];
  const bodyVariables = variableNames(content.body.text, format);
  const headerKinds: HeaderKind[] = ["NONE", "TEXT", ...TEMPLATE_MEDIA_HEADER_FORMATS];
  const kindLabel: Record<HeaderKind, string> = {
    NONE: tt.builder.headerNone,
    TEXT: tt.builder.headerText,
    IMAGE: tt.builder.headerImage,
    VIDEO: tt.builder.headerVideo,
    DOCUMENT: tt.builder.headerDocument,
  };

  return (
    <div className="content-editor">
      <fieldset className="content-editor__group">
        <legend>{tt.builder.header}</legend>
        <div className="segmented" role="radiogroup" aria-label={tt.builder.header}>
          {headerKinds.map((kind) => (
            <label key={kind} className="segmented__option">
              <input
                type="radio"
                name={`${id}-header`}
                checked={headerKind === kind}
                onChange={() => setHeaderKind(kind)}
              />
              <span>{kindLabel[kind]}</span>
            </label>
          ))}
        </div>
        {header?.format === "TEXT" ? (
          <div className="content-editor__with-action">
            <Field
              id={controlId(at("header.text"))}
              label={tt.builder.headerTextLabel}
              hint={tt.builder.headerTextHint}
              error={errorAt(at("header.text"))}
            >
              <input
                ref={headerRef}
                className="input"
                dir={dir}
                value={header.text}
                onChange={(event) =>
                  update("header", (current) => ({
                    ...current,
                    header: {
                      ...(current.header as Extract<TemplateHeaderDraft, { format: "TEXT" }>),
                      text: event.target.value,
                    },
                  }))
                }
              />
            </Field>
            {headerVariables.length === 0 ? (
              <VariableMenu
                format={format}
                nextNumber={nextPositional(content)}
                onInsert={(name, example) => insertVariable("header", name, example)}
              />
            ) : null}
          </div>
        ) : null}
        {header && header.format !== "TEXT" ? (
          <MediaUpload
            builder={builder}
            format={header.format}
            handle={header.mediaHandle}
            pick={props.media}
            error={errorAt(at("header.mediaHandle"))}
            controlId={controlId(at("header.mediaHandle"))}
            onUploaded={(handle, pick) => {
              props.onMedia(pick);
              update("header", (current) => ({
                ...current,
                header: { format: header.format, mediaHandle: handle },
              }));
            }}
          />
        ) : null}
      </fieldset>

      <div className="content-editor__group">
        <Field
          id={controlId(at("body.text"))}
          label={tt.builder.body}
          hint={tt.builder.bodyHint}
          error={errorAt(at("body.text"))}
        >
          <textarea
            ref={bodyRef}
            className="input content-editor__body"
            dir={dir}
            rows={6}
            value={content.body.text}
            onChange={(event) =>
              update("body", (current) => ({
                ...current,
                body: { ...current.body, text: event.target.value },
              }))
            }
          />
        </Field>
        <VariableMenu
          format={format}
          nextNumber={nextPositional(content)}
          onInsert={(name, example) => insertVariable("body", name, example)}
        />
      </div>

      <fieldset className="content-editor__group">
        <legend>{tt.builder.examples}</legend>
        {headerVariables.length + bodyVariables.length === 0 ? (
          <p className="field__hint">{tt.builder.noVariables}</p>
        ) : (
          <>
            <p className="field__hint">{tt.builder.examplesHint}</p>
            <div className="content-editor__examples">
              {headerVariables.map((name) => (
                <ExampleField
                  key={`header-${name}`}
                  name={name}
                  value={header?.format === "TEXT" ? (header.examples[name] ?? "") : ""}
                  at={at(`header.examples.${name}`)}
                  error={errorAt(at(`header.examples.${name}`))}
                  dir={dir}
                  inHeader
                  onChange={(value) =>
                    update("header", (current) =>
                      current.header?.format === "TEXT"
                        ? {
                            ...current,
                            header: {
                              ...current.header,
                              examples: { ...current.header.examples, [name]: value },
                            },
                          }
                        : current,
                    )
                  }
                />
              ))}
              {bodyVariables.map((name, index) => (
                <ExampleField
                  key={`body-${name}`}
                  name={name}
                  value={content.body.examples[name] ?? ""}
                  at={at(`body.examples.${name}`)}
                  error={errorAt(at(`body.examples.${name}`))}
                  dir={dir}
                  greeted={index === 0 && /^\s*\S+[\s,،]*\{\{/u.test(content.body.text)}
                  onChange={(value) =>
                    update("body", (current) => ({
                      ...current,
                      body: { ...current.body, examples: { ...current.body.examples, [name]: value } },
                    }))
                  }
                />
              ))}
            </div>
          </>
        )}
      </fieldset>

      <div className="content-editor__group">
        <Field
          id={controlId(at("footer"))}
          label={tt.builder.footer}
          hint={tt.builder.footerHint}
          error={errorAt(at("footer"))}
        >
          <input
            className="input"
            dir={dir}
            value={content.footer ?? ""}
            onChange={(event) => update("footer", (current) => ({ ...current, footer: event.target.value }))}
          />
        </Field>
      </div>

      <ButtonsEditor
        buttons={content.buttons}
        dir={dir}
        at={at}
        errorAt={errorAt}
        onChange={(buttons) => update("buttons", (current) => ({ ...current, buttons }))}
      />
    </div>
  );
}

/** The sample of one variable, named after what it holds: `Exemple pour Prénom`. */
function ExampleField(props: {
  name: string;
  value: string;
  at: string;
  error: string | null;
  dir: "ltr" | "rtl";
  inHeader?: boolean;
  greeted?: boolean;
  onChange(value: string): void;
}) {
  const { tt, locale } = useTemplatesI18n();
  const words =
    variableWords(props.name, locale) ??
    (props.greeted ? firstNameWords(locale) : tt.builder.valueN(props.name));
  return (
    <Field
      id={controlId(props.at)}
      label={`${tt.builder.exampleFor(words)} · ${isolateLtr(`{{${props.name}}}`)}`}
      error={props.error}
    >
      <input
        className="input"
        dir={props.dir}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </Field>
  );
}

/** A header's sample file: picked, uploaded to Meta through the API, its handle kept in the draft. */
function MediaUpload(props: {
  builder: TemplateBuilderState;
  format: TemplateMediaHeaderFormat;
  handle: string;
  pick: MediaPick | null;
  error: string | null;
  controlId: string;
  onUploaded(handle: string, pick: MediaPick): void;
}) {
  const { t, tt, fmt } = useTemplatesI18n();
  const [state, setState] = useState<
    { kind: "idle" } | { kind: "uploading" } | { kind: "failed"; message: string }
  >({
    kind: "idle",
  });
  const hintId = useId();

  async function upload(file: File) {
    if (!props.builder.connectionId) return;
    setState({ kind: "uploading" });
    try {
      const result = await uploadTemplateMedia(props.builder.connectionId, file);
      props.onUploaded(result.handle, {
        name: file.name,
        url: props.format === "IMAGE" ? URL.createObjectURL(file) : null,
      });
      setState({ kind: "idle" });
    } catch (error) {
      setState({ kind: "failed", message: `${tt.builder.uploadError} ${describeError(error, t, fmt)}` });
    }
  }

  return (
    <div className="field media-upload">
      <label className="field__label" htmlFor={props.controlId}>
        {tt.builder.headerFile}
      </label>
      <input
        id={props.controlId}
        type="file"
        className="media-upload__input"
        accept={ACCEPT[props.format]}
        aria-describedby={hintId}
        aria-invalid={props.error ? true : undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void upload(file);
        }}
      />
      <p className="field__hint" id={hintId}>
        {tt.builder.headerFileHint[props.format]}
      </p>
      <p className="field__hint" aria-live="polite">
        {state.kind === "uploading"
          ? tt.builder.uploading
          : props.handle && props.pick
            ? tt.builder.uploaded(props.pick.name)
            : ""}
      </p>
      {state.kind === "failed" ? <p className="field__error">{state.message}</p> : null}
      {props.error ? <p className="field__error">{props.error}</p> : null}
    </div>
  );
}

function newButton(type: TemplateButtonType): TemplateButtonDraft {
  switch (type) {
    case "URL":
      return { type, text: "", url: "https://" };
    case "PHONE_NUMBER":
      return { type, text: "", phoneNumber: "" };
    case "COPY_CODE":
      return { type, example: "" };
    default:
      return { type: "QUICK_REPLY", text: "" };
  }
}

/** The buttons: quick replies, a link (with a variable at its end), a number to call, a code to copy. */
function ButtonsEditor(props: {
  buttons: TemplateButtonDraft[];
  dir: "ltr" | "rtl";
  at(path: string): string;
  errorAt(at: string, below?: boolean): string | null;
  onChange(buttons: TemplateButtonDraft[]): void;
}) {
  const { tt } = useTemplatesI18n();
  const { buttons } = props;
  const set = (index: number, button: TemplateButtonDraft) =>
    props.onChange(buttons.map((item, i) => (i === index ? button : item)));
  const move = (index: number, by: number) => {
    const next = [...buttons];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    props.onChange(next);
  };
  const groupError = props.errorAt(props.at("buttons"));
  return (
    <fieldset
      className="content-editor__group"
      aria-describedby={groupError ? `${controlId(props.at("buttons"))}-error` : undefined}
    >
      <legend>{tt.builder.buttons}</legend>
      <p className="field__hint">{tt.builder.buttonsHint}</p>
      {groupError ? (
        <p className="field__error" id={`${controlId(props.at("buttons"))}-error`}>
          {groupError}
        </p>
      ) : null}
      <ol className="buttons-editor">
        {buttons.map((button, index) => {
          const at = (path: string) => props.at(`buttons.${index}.${path}`);
          const label =
            button.type === "COPY_CODE"
              ? tt.builder.copyCodeLabel
              : button.text || (tt.builder.buttonTypes[button.type] ?? button.type);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a button's place is its identity in the draft
            <li key={index} className="buttons-editor__item">
              <div className="buttons-editor__head">
                <span className="tag tag--muted">{tt.builder.buttonTypes[button.type]}</span>
                <button
                  type="button"
                  className="icon-button buttons-editor__up"
                  aria-label={`${tt.builder.moveUp} · ${label}`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  <Icon name="chevronDown" size={18} />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`${tt.builder.moveDown} · ${label}`}
                  disabled={index === buttons.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <Icon name="chevronDown" size={18} />
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={tt.builder.removeButton(label)}
                  onClick={() => props.onChange(buttons.filter((_, i) => i !== index))}
                >
                  <Icon name="close" size={18} />
                </button>
              </div>
              <div className="buttons-editor__fields">
                {button.type !== "COPY_CODE" ? (
                  <Field
                    id={controlId(at("text"))}
                    label={tt.builder.buttonText}
                    error={props.errorAt(at("text"))}
                  >
                    <input
                      className="input"
                      dir={props.dir}
                      maxLength={40}
                      value={button.text}
                      onChange={(event) => set(index, { ...button, text: event.target.value })}
                    />
                  </Field>
                ) : null}
                {button.type === "URL" ? (
                  <>
                    <Field
                      id={controlId(at("url"))}
                      label={tt.builder.buttonUrl}
                      hint={tt.builder.buttonUrlHint}
                      error={props.errorAt(at("url"))}
                    >
                      <input
                        className="input"
                        dir="ltr"
                        type="url"
                        value={button.url}
                        onChange={(event) => set(index, { ...button, url: event.target.value })}
                      />
                    </Field>
                    {button.url.includes("{{") ? (
                      <Field
                        id={controlId(at("example"))}
                        label={tt.builder.buttonUrlExample}
                        error={props.errorAt(at("example"))}
                      >
                        <input
                          className="input"
                          dir="ltr"
                          value={button.example ?? ""}
                          onChange={(event) => set(index, { ...button, example: event.target.value })}
                        />
                      </Field>
                    ) : null}
                  </>
                ) : null}
                {button.type === "PHONE_NUMBER" ? (
                  <Field
                    id={controlId(at("phoneNumber"))}
                    label={tt.builder.buttonPhone}
                    hint={tt.builder.buttonPhoneHint}
                    error={props.errorAt(at("phoneNumber"))}
                  >
                    <input
                      className="input"
                      dir="ltr"
                      type="tel"
                      value={button.phoneNumber}
                      onChange={(event) => set(index, { ...button, phoneNumber: event.target.value })}
                    />
                  </Field>
                ) : null}
                {button.type === "COPY_CODE" ? (
                  <Field
                    id={controlId(at("example"))}
                    label={tt.builder.buttonCode}
                    error={props.errorAt(at("example"))}
                  >
                    <input
                      className="input"
                      dir="ltr"
                      value={button.example}
                      onChange={(event) => set(index, { ...button, example: event.target.value })}
                    />
                  </Field>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      <Popover
        label={tt.builder.addButton}
        buttonClassName="button button--small"
        placement="below-start"
        button={
          <>
            <Icon name="plus" size={16} />
            {tt.builder.addButton}
          </>
        }
      >
        {(close) => (
          <div className="menu">
            {TEMPLATE_BUTTON_TYPES.map((type) => (
              <MenuItem
                key={type}
                icon="plus"
                close={close}
                onSelect={() => props.onChange([...buttons, newButton(type)])}
              >
                {tt.builder.buttonTypes[type]}
              </MenuItem>
            ))}
          </div>
        )}
      </Popover>
    </fieldset>
  );
}
