import { type FormEvent, useEffect, useRef, useState } from "react";
import type {
  QuickReplyLanguage,
  QuickReplyResponse,
  QuickReplyScope,
} from "../../../../contracts/quick-replies";
import { QUICK_REPLY_LANGUAGES, QUICK_REPLY_LIMITS } from "../../../../contracts/quick-replies";
import {
  QUICK_REPLY_VARIABLE_NAMES,
  quickReplyRuns,
  unknownVariables,
  variableToken,
} from "../../../../contracts/quick-reply-variables";
import { describeError, failedWith } from "../../../api/errors";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { Dialog } from "../../../ui/Dialog";
import { ErrorAlert } from "../../../ui/ErrorAlert";
import { Field } from "../../../ui/Field";
import { FormDialogFooter } from "../../../ui/FormDialogFooter";
import { commitAndPlaceCaret } from "../../../ui/place-caret";
import { useRequiredSession } from "../../auth/queries";
import { useQuickRepliesI18n } from "../i18n";
import { useCreateQuickReply, useDeleteQuickReply, useQuickReplies, useUpdateQuickReply } from "../queries";
import { QuickReplyHeading } from "./QuickReplyHeading";
import "./quick-replies.css";

type Editing = { reply: QuickReplyResponse | null; scope: QuickReplyScope };

/** The settings section: the team's replies (managed by owners and admins) and the user's own. */
export function QuickRepliesSettings() {
  const { tq } = useQuickRepliesI18n();
  const list = useQuickReplies();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<QuickReplyResponse | null>(null);
  const remove = useDeleteQuickReply();
  const { t, fmt } = useQuickRepliesI18n();

  // Arriving from the composer's "Manage" link: bring the section into view once it has its rows.
  const section = useRef<HTMLElement>(null);
  const loaded = list.isSuccess;
  useEffect(() => {
    if (loaded && window.location.hash === "#quick-replies")
      section.current?.scrollIntoView({ block: "start" });
  }, [loaded]);

  const replies = list.data?.quickReplies ?? [];
  const canManageShared = list.data?.canManageShared ?? false;
  const groups: { scope: QuickReplyScope; title: string; hint: string; canAdd: boolean }[] = [
    { scope: "shared", title: tq.shared, hint: tq.sharedHint, canAdd: canManageShared },
    { scope: "personal", title: tq.personal, hint: tq.personalHint, canAdd: true },
  ];

  return (
    <section ref={section} className="card section" aria-labelledby="quick-replies-title" id="quick-replies">
      <h2 id="quick-replies-title" className="section__title">
        {tq.title}
      </h2>
      <p className="field__hint settings-hint">{tq.intro}</p>
      <ErrorAlert error={list.error} />
      {groups.map((group) => {
        const items = replies.filter((reply) => reply.scope === group.scope);
        return (
          <div key={group.scope} className="quick-replies__group" data-scope={group.scope}>
            <div className="quick-replies__group-head">
              <div>
                <h3 className="quick-replies__group-title">{group.title}</h3>
                <p className="field__hint">{group.hint}</p>
              </div>
              {group.canAdd ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => setEditing({ reply: null, scope: group.scope })}
                >
                  {tq.add}
                </button>
              ) : null}
            </div>
            {items.length === 0 && list.isSuccess ? <p className="quick-replies__empty">{tq.empty}</p> : null}
            <ul className="quick-replies__list">
              {items.map((reply) => (
                <li key={reply.id} className="quick-replies__item">
                  <div className="quick-replies__item-head">
                    <QuickReplyHeading reply={reply} />
                    {reply.canEdit ? (
                      <span className="quick-replies__actions">
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => setEditing({ reply, scope: reply.scope })}
                          aria-label={`${tq.edit} /${reply.shortcut} (${reply.language})`}
                        >
                          {tq.edit}
                        </button>
                        <button
                          type="button"
                          className="button button--small"
                          onClick={() => {
                            remove.reset();
                            setDeleting(reply);
                          }}
                          aria-label={`${tq.delete} /${reply.shortcut} (${reply.language})`}
                        >
                          {tq.delete}
                        </button>
                      </span>
                    ) : null}
                  </div>
                  <p
                    className="quick-replies__body"
                    dir={reply.language === "ar" ? "rtl" : "auto"}
                    lang={reply.language}
                  >
                    {reply.body}
                  </p>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {editing ? <QuickReplyDialog editing={editing} onClose={() => setEditing(null)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={tq.delete}
          body={tq.confirmDelete(deleting.shortcut)}
          confirmLabel={tq.delete}
          pending={remove.isPending}
          error={remove.error ? describeError(remove.error, t, fmt) : null}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </section>
  );
}

function QuickReplyDialog({ editing, onClose }: { editing: Editing; onClose(): void }) {
  const { tq, locale } = useQuickRepliesI18n();
  const { user } = useRequiredSession();
  const { reply } = editing;
  const [shortcut, setShortcut] = useState(reply?.shortcut ?? "");
  const [title, setTitle] = useState(reply?.title ?? "");
  const [language, setLanguage] = useState<QuickReplyLanguage>(reply?.language ?? locale);
  const [body, setBody] = useState(reply?.body ?? "");
  const bodyInput = useRef<HTMLTextAreaElement>(null);
  const create = useCreateQuickReply();
  const update = useUpdateQuickReply();
  const mutation = reply ? update : create;
  const formId = "quick-reply-form";

  const [errors, setErrors] = useState<Partial<Record<"shortcut" | "title" | "body", string>>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = { shortcut: shortcut.trim().replace(/^\//, ""), title: title.trim(), language, body };
    const unknown = unknownVariables(body);
    const found = {
      ...(/^[\p{L}\p{N}_-]+$/u.test(fields.shortcut) ? {} : { shortcut: tq.errors.shortcut }),
      ...(fields.title ? {} : { title: tq.errors.title }),
      ...(body.trim() === ""
        ? { body: tq.errors.body }
        : unknown.length > 0
          ? { body: tq.errors.unknownVariable(unknown.map((name) => `{{${name}}}`).join(", ")) }
          : {}),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (reply) update.mutate({ id: reply.id, body: fields }, { onSuccess: onClose });
    else create.mutate({ scope: editing.scope, ...fields }, { onSuccess: onClose });
  }

  function insertVariable(name: (typeof QUICK_REPLY_VARIABLE_NAMES)[number]) {
    const element = bodyInput.current;
    const token = variableToken(name);
    const start = element?.selectionStart ?? body.length;
    const end = element?.selectionEnd ?? body.length;
    commitAndPlaceCaret(
      element,
      () => setBody(body.slice(0, start) + token + body.slice(end)),
      start + token.length,
    );
  }

  const sample = { firstName: "Yassine", job: null, recruiterName: user.name };
  return (
    <Dialog
      title={reply ? tq.form.editTitle : tq.form.newTitle}
      onClose={onClose}
      footer={
        <FormDialogFooter
          formId={formId}
          submitLabel={tq.form.save}
          isPending={mutation.isPending}
          onCancel={onClose}
        />
      }
    >
      <form id={formId} className="form quick-reply-form" onSubmit={submit} noValidate>
        <p className="field__hint">
          {tq.form.scope(editing.scope === "shared" ? tq.form.scopeShared : tq.form.scopePersonal)}
        </p>
        <Field label={tq.form.shortcut} hint={tq.form.shortcutHint} error={errors.shortcut ?? null}>
          <input
            className="input"
            dir="ltr"
            value={shortcut}
            maxLength={QUICK_REPLY_LIMITS.shortcut}
            autoComplete="off"
            onChange={(event) => setShortcut(event.target.value)}
          />
        </Field>
        <Field label={tq.form.title} error={errors.title ?? null}>
          <input
            className="input"
            dir="auto"
            value={title}
            maxLength={QUICK_REPLY_LIMITS.title}
            onChange={(event) => setTitle(event.target.value)}
          />
        </Field>
        <Field label={tq.form.language}>
          <select
            className="input"
            value={language}
            onChange={(event) => setLanguage(event.target.value as QuickReplyLanguage)}
          >
            {QUICK_REPLY_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {tq.languages[code]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={tq.form.body} error={errors.body ?? null}>
          <textarea
            ref={bodyInput}
            className="input quick-reply-form__body"
            rows={5}
            dir={language === "ar" ? "rtl" : "auto"}
            lang={language}
            value={body}
            maxLength={QUICK_REPLY_LIMITS.body}
            onChange={(event) => setBody(event.target.value)}
          />
        </Field>
        <fieldset className="quick-reply-form__variables">
          <legend className="field__hint">{tq.form.insertVariable}</legend>
          {QUICK_REPLY_VARIABLE_NAMES.map((name) => (
            <button
              key={name}
              type="button"
              className="quick-reply-chip"
              onClick={() => insertVariable(name)}
            >
              {tq.variables[name]} <bdi dir="ltr">{variableToken(name)}</bdi>
            </button>
          ))}
        </fieldset>
        {body.trim() ? (
          <div className="quick-reply-form__preview">
            <span className="field__hint">{tq.form.preview}</span>
            <p className="quick-reply-preview" dir={language === "ar" ? "rtl" : "auto"} lang={language}>
              {quickReplyRuns(body, sample).map((run, index) =>
                run.kind === "text" ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity of their own
                  <span key={index}>{run.text}</span>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: runs have no identity of their own
                  <mark key={index} className={`quick-reply-preview__${run.kind}`}>
                    {run.text}
                  </mark>
                ),
              )}
            </p>
          </div>
        ) : null}
        {failedWith(mutation.error, "conflict") ? (
          <p className="alert alert--danger" role="alert">
            {tq.errors.taken}
          </p>
        ) : (
          <ErrorAlert error={mutation.error} />
        )}
      </form>
    </Dialog>
  );
}
