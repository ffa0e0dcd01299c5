import { useId, useState } from "react";
import {
  INTERACTIVE_LIMITS,
  type InteractiveContentFields,
  type InteractiveDraft,
  type InteractiveProblem,
  interactiveContent,
  validateInteractive,
} from "../../../../../contracts/interactive-rules";
import { Dialog } from "../../../../ui/Dialog";
import { Field } from "../../../../ui/Field";
import { Icon } from "../../../../ui/Icon";
import { useInboxI18n } from "../../i18n";
import { useQuestionsI18n } from "../../i18n/questions";
import "./question.css";

interface Row {
  title: string;
  description: string;
}
interface Section {
  title: string;
  rows: Row[];
}

const L = INTERACTIVE_LIMITS;
/** Shown as soon as typed: going over a limit. The rest (a blank field) once "send" was pressed. */
const LIVE = /_too_long$|_too_many$|_duplicate$/;

type Kind = "button" | "list" | "cta_url";
const KINDS: readonly Kind[] = ["button", "list", "cta_url"];

interface Frame {
  header: string;
  body: string;
  footer: string;
}
interface Link {
  displayText: string;
  url: string;
}

/** The draft as the API takes it: blank header, footer, descriptions and single sections' titles left out. */
function draftOf(
  kind: Kind,
  frame: Frame,
  buttons: string[],
  link: Link,
  listButton: string,
  sections: Section[],
): InteractiveDraft {
  const framed = {
    body: frame.body,
    ...(frame.header.trim() ? { header: frame.header } : {}),
    ...(frame.footer.trim() ? { footer: frame.footer } : {}),
  };
  if (kind === "button") return { type: "button", ...framed, buttons: buttons.map((title) => ({ title })) };
  if (kind === "cta_url") return { type: "cta_url", ...framed, displayText: link.displayText, url: link.url };
  return {
    type: "list",
    ...framed,
    button: listButton,
    sections: sections.map((s) => ({
      ...(s.title.trim() ? { title: s.title } : {}),
      rows: s.rows.map((r) => ({
        title: r.title,
        ...(r.description.trim() ? { description: r.description } : {}),
      })),
    })),
  };
}

/**
 * "Question à choix": a question with reply buttons (1 to 3), a list (up to 10 options in
 * sections) or one button that opens a web page, with an optional header and footer line, checked as
 * the candidate types by Meta's rules, sent in the 24-hour window.
 */
export default function QuestionDialog(props: {
  onClose(): void;
  onSend(draft: InteractiveDraft, content: InteractiveContentFields): void;
}) {
  const { t, ifmt } = useInboxI18n();
  const { tq } = useQuestionsI18n();
  const id = useId();
  const [kind, setKind] = useState<Kind>("button");
  const [frame, setFrame] = useState<Frame>({ header: "", body: "", footer: "" });
  const [link, setLink] = useState<Link>({ displayText: "", url: "" });
  const [buttons, setButtons] = useState<string[]>(["", ""]);
  const [listButton, setListButton] = useState("");
  const [sections, setSections] = useState<Section[]>([
    { title: "", rows: [{ title: "", description: "" }] },
  ]);
  const [tried, setTried] = useState(false);

  const draft = draftOf(kind, frame, buttons, link, listButton, sections);
  const problems = validateInteractive(draft);
  const shown = problems.filter((p) => tried || LIVE.test(p.code));
  const words = (p: InteractiveProblem) => tq.problems[p.code](ifmt.number(p.params?.max ?? 0));
  const errorAt = (field: string) => {
    const found = shown.find((p) => p.field === field);
    return found ? words(found) : null;
  };
  const fieldId = (field: string) => `${id}-${field.replaceAll(".", "-")}`;
  const rowCount = sections.reduce((sum, s) => sum + s.rows.length, 0);
  const bodyMax = kind === "list" ? L.listBodyMax : L.buttonBodyMax;
  const counter = (text: string, max: number) =>
    tq.question.counter(ifmt.number([...text].length), ifmt.number(max));
  const kindName = {
    button: tq.question.kindButtons,
    list: tq.question.kindList,
    cta_url: tq.question.kindLink,
  };
  const kindHint = {
    button: tq.question.kindButtonsHint,
    list: tq.question.kindListHint,
    cta_url: tq.question.kindLinkHint,
  };

  function send() {
    setTried(true);
    if (problems.length > 0) {
      const first = problems[0] as InteractiveProblem;
      document.getElementById(fieldId(first.field))?.focus();
      return;
    }
    props.onSend(draft, interactiveContent(draft));
  }

  const updateSection = (index: number, change: (s: Section) => Section) =>
    setSections((all) => all.map((s, i) => (i === index ? change(s) : s)));

  /** A one-line text with its count against Meta's limit. */
  const counted = (
    field: string,
    label: string,
    value: string,
    max: number,
    onChange: (value: string) => void,
    placeholder?: string,
  ) => (
    <Field id={fieldId(field)} label={label} hint={counter(value, max)} error={errorAt(field)}>
      <input
        className="input"
        dir="auto"
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );

  const groupError = (field: string) => {
    const message = errorAt(field);
    return message ? (
      <p className="field__error" id={`${fieldId(field)}-error`}>
        {message}
      </p>
    ) : null;
  };

  return (
    <Dialog
      title={tq.question.title}
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose}>
            {t.common.cancel}
          </button>
          <button type="button" className="button button--primary" onClick={send}>
            {tq.question.send}
          </button>
        </>
      }
    >
      <div className="question-form">
        <fieldset className="question-form__group">
          <legend>{tq.question.kind}</legend>
          <div className="question-segmented" role="radiogroup" aria-label={tq.question.kind}>
            {KINDS.map((option) => (
              <label key={option} className="question-segmented__option">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  checked={kind === option}
                  onChange={() => setKind(option)}
                />
                <span>{kindName[option]}</span>
              </label>
            ))}
          </div>
          <p className="field__hint">{kindHint[kind]}</p>
        </fieldset>

        {counted("header", tq.question.header, frame.header, L.headerMax, (header) =>
          setFrame((f) => ({ ...f, header })),
        )}
        <Field
          id={fieldId("body")}
          label={tq.question.body}
          hint={counter(frame.body, bodyMax)}
          error={errorAt("body")}
        >
          <textarea
            className="input question-form__body"
            dir="auto"
            rows={3}
            placeholder={tq.question.bodyPlaceholder}
            value={frame.body}
            onChange={(event) => setFrame((f) => ({ ...f, body: event.target.value }))}
          />
        </Field>
        {counted("footer", tq.question.footer, frame.footer, L.footerMax, (footer) =>
          setFrame((f) => ({ ...f, footer })),
        )}

        {kind === "cta_url" ? (
          <>
            {counted(
              "displayText",
              tq.question.linkButton,
              link.displayText,
              L.linkButtonMax,
              (displayText) => setLink((l) => ({ ...l, displayText })),
              tq.question.linkButtonPlaceholder,
            )}
            <Field id={fieldId("url")} label={tq.question.url} error={errorAt("url")}>
              <input
                className="input"
                type="url"
                dir="ltr"
                inputMode="url"
                placeholder="https://"
                value={link.url}
                onChange={(event) => setLink((l) => ({ ...l, url: event.target.value }))}
              />
            </Field>
          </>
        ) : kind === "button" ? (
          <fieldset
            className="question-form__group"
            aria-describedby={errorAt("buttons") ? `${fieldId("buttons")}-error` : undefined}
          >
            <legend className="visually-hidden">{tq.question.kindButtons}</legend>
            {groupError("buttons")}
            {buttons.map((title, index) => {
              const n = ifmt.number(index + 1);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: buttons have no identity but their place
                <div key={index} className="question-form__line">
                  <Field
                    id={fieldId(`buttons.${index}.title`)}
                    label={tq.question.button(n)}
                    error={errorAt(`buttons.${index}.title`)}
                  >
                    <input
                      className="input"
                      dir="auto"
                      value={title}
                      onChange={(event) =>
                        setButtons((all) => all.map((b, i) => (i === index ? event.target.value : b)))
                      }
                    />
                  </Field>
                  {buttons.length > 1 ? (
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={tq.question.removeButton(n)}
                      title={tq.question.removeButton(n)}
                      onClick={() => setButtons((all) => all.filter((_, i) => i !== index))}
                    >
                      <Icon name="close" size={18} />
                    </button>
                  ) : null}
                </div>
              );
            })}
            <button
              type="button"
              className="button button--ghost question-form__add"
              disabled={buttons.length >= L.buttonsMax}
              onClick={() => setButtons((all) => [...all, ""])}
            >
              <Icon name="plus" size={16} />
              {tq.question.addButton}
            </button>
          </fieldset>
        ) : (
          <>
            <Field
              id={fieldId("button")}
              label={tq.question.listButton}
              hint={tq.question.listButtonHint}
              error={errorAt("button")}
            >
              <input
                className="input"
                dir="auto"
                value={listButton}
                onChange={(event) => setListButton(event.target.value)}
              />
            </Field>
            {groupError("sections")}
            {sections.map((section, s) => {
              const sn = ifmt.number(s + 1);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: sections have no identity but their place
                <fieldset key={s} className="question-form__section">
                  <legend>{tq.question.section(sn)}</legend>
                  <div className="question-form__line">
                    <Field
                      id={fieldId(`sections.${s}.title`)}
                      label={tq.question.sectionTitle}
                      hint={tq.question.sectionTitleHint}
                      error={errorAt(`sections.${s}.title`)}
                    >
                      <input
                        className="input"
                        dir="auto"
                        value={section.title}
                        onChange={(event) => updateSection(s, (x) => ({ ...x, title: event.target.value }))}
                      />
                    </Field>
                    {sections.length > 1 ? (
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={tq.question.removeSection(sn)}
                        title={tq.question.removeSection(sn)}
                        onClick={() => setSections((all) => all.filter((_, i) => i !== s))}
                      >
                        <Icon name="close" size={18} />
                      </button>
                    ) : null}
                  </div>
                  {groupError(`sections.${s}.rows`)}
                  <ol className="question-form__rows">
                    {section.rows.map((row, r) => {
                      const rn = ifmt.number(r + 1);
                      const at = `sections.${s}.rows.${r}`;
                      const setRow = (change: Partial<Row>) =>
                        updateSection(s, (x) => ({
                          ...x,
                          rows: x.rows.map((old, i) => (i === r ? { ...old, ...change } : old)),
                        }));
                      return (
                        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
                        <li key={r} className="question-form__row">
                          <div className="question-form__row-head">
                            <span className="question-form__row-label">{tq.question.row(rn)}</span>
                            {section.rows.length > 1 || sections.length > 1 ? (
                              <button
                                type="button"
                                className="icon-button"
                                aria-label={tq.question.removeRow(rn)}
                                title={tq.question.removeRow(rn)}
                                onClick={() =>
                                  updateSection(s, (x) => ({ ...x, rows: x.rows.filter((_, i) => i !== r) }))
                                }
                              >
                                <Icon name="close" size={18} />
                              </button>
                            ) : null}
                          </div>
                          <Field
                            id={fieldId(`${at}.title`)}
                            label={tq.question.rowTitle}
                            error={errorAt(`${at}.title`)}
                          >
                            <input
                              className="input"
                              dir="auto"
                              value={row.title}
                              onChange={(event) => setRow({ title: event.target.value })}
                            />
                          </Field>
                          <Field
                            id={fieldId(`${at}.description`)}
                            label={tq.question.rowDescription}
                            error={errorAt(`${at}.description`)}
                          >
                            <input
                              className="input"
                              dir="auto"
                              value={row.description}
                              onChange={(event) => setRow({ description: event.target.value })}
                            />
                          </Field>
                        </li>
                      );
                    })}
                  </ol>
                  <button
                    type="button"
                    className="button button--ghost question-form__add"
                    disabled={rowCount >= L.rowsMax}
                    onClick={() =>
                      updateSection(s, (x) => ({ ...x, rows: [...x.rows, { title: "", description: "" }] }))
                    }
                  >
                    <Icon name="plus" size={16} />
                    {tq.question.addRow}
                  </button>
                </fieldset>
              );
            })}
            <button
              type="button"
              className="button button--ghost question-form__add"
              disabled={rowCount >= L.rowsMax || sections.length >= L.sectionsMax}
              onClick={() =>
                setSections((all) => [...all, { title: "", rows: [{ title: "", description: "" }] }])
              }
            >
              <Icon name="plus" size={16} />
              {tq.question.addSection}
            </button>
          </>
        )}
        {tried && problems.length > 0 ? (
          <p className="alert alert--danger" role="alert">
            {tq.question.fix}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
