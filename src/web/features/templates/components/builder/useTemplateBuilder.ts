import { useMemo, useState } from "react";
import {
  type TemplateCategory,
  type TemplateContentDraft,
  type TemplateDraft,
  type TemplateLanguage,
  type TemplateParameterFormat,
  type TemplateProblem,
  validateTemplateDraft,
} from "../../../../../contracts/template-rules";
import type { TemplateSubmitFailure } from "../../../../../contracts/templates";
import { ApiError } from "../../../../api/client";
import { describeError } from "../../../../api/errors";
import { navigate } from "../../../../app/router";
import type { TemplateResponse } from "../../api";
import { useTemplatesI18n } from "../../i18n";
import {
  cleanContent,
  draftOf,
  editProblemField,
  emptyContent,
  fromServerField,
  problemsOf,
  STUDIO_LANGUAGES,
} from "../../model/draft";
import { editRefusalWords } from "../../model/wording";
import { useCreateTemplate, useEditTemplate } from "../../queries";

/**
 * A problem where the form shows it: `translations.<i>` becomes `lang:<language>`, so a problem
 * stays with its language when languages are added or removed.
 */
export interface FormProblem extends TemplateProblem {
  at: string;
}

/** The form's field key of a draft path, by the languages the draft was made of. */
export function formField(field: string, languages: readonly TemplateLanguage[]): string {
  return field.replace(
    /^translations\.(\d+)/u,
    (_, index: string) => `lang:${languages[Number(index)] ?? index}`,
  );
}

/** The id of a field's control, for the error summary's links: `lang:fr.body.text` → `tpl-fr-body-text`. */
export function controlId(at: string): string {
  return `tpl-${at.replace(/^lang:/u, "").replace(/[^a-zA-Z0-9_-]+/gu, "-")}`;
}

interface Init {
  name: string;
  category: TemplateCategory;
  parameterFormat: TemplateParameterFormat;
  languages: TemplateLanguage[];
  contents: Partial<Record<TemplateLanguage, TemplateContentDraft>>;
}

function initial(template: TemplateResponse | null): Init {
  const draft = template ? draftOf(template) : null;
  if (!draft) {
    return {
      name: "",
      category: "UTILITY",
      parameterFormat: "NAMED",
      languages: ["fr"],
      contents: { fr: emptyContent() },
    };
  }
  return {
    name: draft.name,
    category: draft.category,
    parameterFormat: draft.parameterFormat,
    languages: draft.translations.map((translation) => translation.language),
    contents: Object.fromEntries(draft.translations.map(({ language, ...content }) => [language, content])),
  };
}

/**
 * A template being written (or one being edited): its fields, Meta's rules run as it is typed,
 * the problems shown (a field's once touched, all after a submit, the server's until changed),
 * and the submit, which keeps the draft when refused.
 */
export function useTemplateBuilder(template: TemplateResponse | null, defaultConnectionId: string | null) {
  const { t, tt, fmt } = useTemplatesI18n();
  const start = useMemo(() => initial(template), [template]);
  const [chosenConnection, setConnectionId] = useState<string | null>(null);
  const connectionId = template?.connectionId ?? chosenConnection ?? defaultConnectionId;
  const [name, setName] = useState(start.name);
  const [category, setCategory] = useState<TemplateCategory>(start.category);
  const [parameterFormat, setParameterFormat] = useState<TemplateParameterFormat>(start.parameterFormat);
  const [languages, setLanguages] = useState<TemplateLanguage[]>(start.languages);
  const [contents, setContents] = useState(start.contents);
  const [active, setActive] = useState<TemplateLanguage>(start.languages[0] ?? "fr");
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverProblems, setServerProblems] = useState<FormProblem[]>([]);
  const [failures, setFailures] = useState<TemplateSubmitFailure[]>([]);
  const [error, setError] = useState<string | null>(null);
  const create = useCreateTemplate();
  const edit = useEditTemplate(template?.id ?? "");
  const editing = template !== null;

  const draft: TemplateDraft = useMemo(
    () => ({
      name,
      category,
      parameterFormat,
      translations: languages.map((language) => ({ language, ...(contents[language] ?? emptyContent()) })),
    }),
    [name, category, parameterFormat, languages, contents],
  );
  const ruleProblems: FormProblem[] = useMemo(
    () =>
      validateTemplateDraft(draft).map((problem) => ({
        ...problem,
        at: formField(problem.field, languages),
      })),
    [draft, languages],
  );
  const shownProblems = useMemo(() => {
    const seen = new Set<string>();
    const visible = ruleProblems.filter(
      (problem) => showAll || [...touched].some((key) => problem.at.startsWith(key)),
    );
    return [...visible, ...serverProblems].filter((problem) => {
      const key = `${problem.at}|${problem.code}|${problem.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }, [ruleProblems, serverProblems, touched, showAll]);

  /** A change to a part of the form: its problems show from now on, the server's about it are stale. */
  function touch(key: string) {
    setTouched((current) => (current.has(key) ? current : new Set([...current, key])));
    setServerProblems((current) => current.filter((problem) => !problem.at.startsWith(key)));
  }

  function updateContent(
    language: TemplateLanguage,
    part: string,
    change: (content: TemplateContentDraft) => TemplateContentDraft,
  ) {
    setContents((current) => ({ ...current, [language]: change(current[language] ?? emptyContent()) }));
    touch(`lang:${language}.${part}`);
  }

  function setLanguageOn(language: TemplateLanguage, on: boolean) {
    const next = on
      ? STUDIO_LANGUAGES.filter((item) => item === language || languages.includes(item))
      : languages.filter((item) => item !== language);
    setLanguages(next);
    if (on) {
      setContents((current) => (current[language] ? current : { ...current, [language]: emptyContent() }));
      setActive(language);
    } else if (active === language && next[0]) setActive(next[0]);
    touch("translations");
  }

  async function submit(): Promise<boolean> {
    setShowAll(true);
    setError(null);
    setFailures([]);
    if (ruleProblems.length > 0 || !connectionId) return false;
    const cleaned = draft.translations.map(({ language, ...content }) => ({
      language,
      ...cleanContent(content, parameterFormat),
    }));
    const submittedLanguages = [...languages];
    try {
      if (template) {
        const content = cleaned[0];
        if (!content) return false;
        const { language: _language, ...body } = content;
        await edit.mutateAsync({
          content: body,
          ...(category !== template.category ? { category } : {}),
        });
        navigate(`/templates/${encodeURIComponent(template.id)}`);
        return true;
      }
      const result = await create.mutateAsync({
        connectionId,
        name,
        category,
        parameterFormat,
        translations: cleaned,
      });
      if (result.failures.length === 0) {
        navigate(`/templates?submitted=${encodeURIComponent(name)}`);
        return true;
      }
      // Meta took some languages: what is left to fix is the ones it refused.
      const refused = submittedLanguages.filter((language) =>
        result.failures.some((failure) => failure.language === language),
      );
      setLanguages(refused);
      if (refused[0]) setActive(refused[0]);
      setFailures(result.failures);
      return false;
    } catch (failure) {
      if (failure instanceof ApiError) {
        const problems = problemsOf(failure.details).map((problem) => {
          const field = editing ? editProblemField(problem.field) : fromServerField(problem.field);
          return { ...problem, field, at: formField(field, submittedLanguages) };
        });
        const metaFailures = (failure.details as { failures?: TemplateSubmitFailure[] } | undefined)
          ?.failures;
        const reason = (failure.details as { reason?: string } | undefined)?.reason;
        if (problems.length > 0) {
          setServerProblems(problems);
          setError(tt.builder.serverRefused);
          return false;
        }
        if (Array.isArray(metaFailures) && metaFailures.length > 0) {
          setFailures(metaFailures);
          return false;
        }
        if (template && reason && reason in tt.editRefusal) {
          setError(editRefusalWords(reason, template, tt, fmt.date));
          return false;
        }
      }
      setError(describeError(failure, t, fmt));
      return false;
    }
  }

  return {
    editing,
    template,
    connectionId,
    setConnectionId: (id: string) => setConnectionId(id),
    name,
    setName(value: string) {
      setName(value);
      touch("name");
    },
    category,
    setCategory(value: TemplateCategory) {
      setCategory(value);
      touch("category");
    },
    parameterFormat,
    setParameterFormat,
    languages,
    setLanguageOn,
    contents,
    contentOf: (language: TemplateLanguage) => contents[language] ?? emptyContent(),
    updateContent,
    /** Starts a language from another's text (to translate it). */
    copyContent(from: TemplateLanguage, to: TemplateLanguage) {
      updateContent(to, "body", () => structuredClone(contents[from] ?? emptyContent()));
    },
    active,
    setActive,
    problems: shownProblems,
    /** Every problem of the draft, shown or not: submit stays possible, the summary lists them then. */
    allProblems: ruleProblems,
    showAll,
    failures,
    error,
    pending: create.isPending || edit.isPending,
    submit,
  };
}

export type TemplateBuilderState = ReturnType<typeof useTemplateBuilder>;
