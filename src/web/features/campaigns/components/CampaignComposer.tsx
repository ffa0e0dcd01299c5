import { type ChangeEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { describeError } from "../../../api/errors";
import { Link } from "../../../app/Link";
import { Dialog } from "../../../ui/Dialog";
import { Field } from "../../../ui/Field";
import { Icon } from "../../../ui/Icon";
import { fillRuns } from "../../inbox/model/templates";
import type { CampaignDraft, CampaignEstimate, CampaignResponse } from "../api";
import { expectedHeader, parseRecipientsCsv, type Recipient } from "../csv";
import { useCampaignsI18n } from "../i18n";
import { useApprovedTemplates, useConnections, useCreateCampaign, useEstimate } from "../queries";
import { describeLineProblem } from "../reasons";
import { type BulkTemplate, bulkTemplate, templateKey } from "../template";
import { EstimatePanel } from "./EstimatePanel";

/** A CSV the recruiter can start from: the header and two rows with the template's own examples. */
function sampleCsv(bulk: BulkTemplate): string {
  const header = expectedHeader(bulk.variables).join(",");
  const values = bulk.variables.map((variable, index) => {
    const field = bulk.shape.fields.find(
      (item) => item.part === variable.part && item.name === variable.name,
    );
    return field?.example ?? `valeur ${index + 1}`;
  });
  const quoteCell = (value: string) => (/[",;\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [
    header,
    ["06 12 34 56 78", "Youssef Alaoui", ...values].map(quoteCell).join(","),
    ["+212 6 98 76 54 32", "Salma Bennani", ...values].map(quoteCell).join(","),
  ].join("\n");
}

/** The values of one row for the preview, by the template's variable names. */
function rowValue(bulk: BulkTemplate, recipient: Recipient | undefined, name: string): string {
  if (!recipient) return "";
  const bodyVariables = bulk.variables.filter((variable) => variable.part === "body");
  const index = bodyVariables.findIndex((variable) => variable.name === name);
  return recipient.body?.[index]?.text ?? "";
}

/**
 * A new bulk send: the number, an approved template, the recipients from a pasted or uploaded CSV
 * (each bad line named), the server's estimate (reach, exclusions, cost vs SMS), then a confirmed send.
 */
export function CampaignComposer({ onSent }: { onSent(campaign: CampaignResponse): void }) {
  const { t, tc, fmt, mad, locale } = useCampaignsI18n();
  const connections = useConnections();
  const active = useMemo(
    () => (connections.data ?? []).filter((connection) => connection.state === "active"),
    [connections.data],
  );
  const [chosenConnection, setConnectionId] = useState<string | null>(null);
  const connectionId = chosenConnection ?? active[0]?.id ?? null;
  const templates = useApprovedTemplates(connectionId);
  const bulkTemplates = useMemo(() => (templates.data ?? []).map(bulkTemplate), [templates.data]);
  const [chosenTemplate, setTemplateKey] = useState("");
  const bulk = bulkTemplates.find((item) => templateKey(item.template) === chosenTemplate && item.supported);

  const [name, setName] = useState(() => tc.defaultName(fmt.date(new Date().toISOString())));
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const helpId = useId();

  const parsed = useMemo(
    () => (bulk && csv.trim() ? parseRecipientsCsv(csv, bulk.variables) : null),
    [bulk, csv],
  );
  const draft = useMemo<CampaignDraft | null>(() => {
    if (!bulk || !connectionId || !parsed || parsed.fileErrors.length > 0 || parsed.rows.length === 0)
      return null;
    return {
      connectionId,
      template: { name: bulk.template.name, language: bulk.template.language },
      recipients: parsed.rows.map((row) => row.recipient),
    };
  }, [bulk, connectionId, parsed]);
  const draftKey = draft ? JSON.stringify(draft) : null;

  const estimate = useEstimate();
  const [estimated, setEstimated] = useState<{
    key: string;
    estimate: CampaignEstimate;
    lines: number[];
  } | null>(null);
  const stale = estimated !== null && estimated.key !== draftKey;
  const create = useCreateCampaign();
  const [confirming, setConfirming] = useState(false);

  // A template of another number is no longer a choice.
  useEffect(() => {
    if (chosenTemplate && templates.data && !bulk) setTemplateKey("");
  }, [chosenTemplate, templates.data, bulk]);

  const runEstimate = () => {
    if (!draft || !draftKey || !parsed) return;
    const lines = parsed.rows.map((row) => row.line);
    estimate.mutate(draft, {
      onSuccess: (result) => setEstimated({ key: draftKey, estimate: result, lines }),
    });
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setCsv(await file.text());
    setFileName(file.name);
    event.target.value = "";
  };

  const send = () => {
    if (!draft || !estimated || stale) return;
    create.mutate(
      { name: name.trim() || tc.defaultName(fmt.date(new Date().toISOString())), ...draft },
      {
        onSuccess: (campaign) => {
          setConfirming(false);
          onSent(campaign);
        },
      },
    );
  };

  if (connections.isSuccess && active.length === 0) {
    return (
      <section className="card section" aria-labelledby="campaign-new-title">
        <h2 id="campaign-new-title" className="section__title">
          {tc.newTitle}
        </h2>
        <p>{tc.noNumber}</p>
        <p>
          <Link to="/connections" className="button button--primary">
            {tc.connect}
          </Link>
        </p>
      </section>
    );
  }

  const lineErrors = parsed?.errors ?? [];
  const header = bulk ? expectedHeader(bulk.variables).join(",") : "phone,name,1,2,3";
  const previews = bulk ? (parsed?.rows.slice(0, 3).map((row) => row.recipient) ?? []) : [];

  return (
    <section className="card section campaign-compose" aria-labelledby="campaign-new-title">
      <h2 id="campaign-new-title" className="section__title">
        {tc.newTitle}
      </h2>
      <div className="campaign-compose__grid">
        <Field label={tc.name}>
          <input
            className="input"
            value={name}
            maxLength={120}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Field label={tc.number}>
          <select
            className="select"
            value={connectionId ?? ""}
            onChange={(event) => {
              setConnectionId(event.target.value);
              setTemplateKey("");
            }}
          >
            {active.map((connection) => (
              <option key={connection.id} value={connection.id} dir="ltr">
                {connection.displayPhoneNumber ?? connection.id}
                {connection.verifiedName ? ` · ${connection.verifiedName}` : ""}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={tc.template}
          hint={
            templates.isPending && connectionId
              ? tc.templatesLoading
              : templates.isSuccess && bulkTemplates.length === 0
                ? tc.noTemplate
                : undefined
          }
        >
          <select
            className="select"
            value={chosenTemplate}
            onChange={(event) => setTemplateKey(event.target.value)}
          >
            <option value="">{tc.chooseTemplate}</option>
            {bulkTemplates.map((item) => (
              <option key={item.template.id} value={templateKey(item.template)} disabled={!item.supported}>
                {`${item.template.name} · ${languageName(item.template.language, locale)} · ${categoryLabel(tc, item.template.category)}`}
                {item.supported ? "" : ` (${tc.mediaHeader})`}
              </option>
            ))}
          </select>
        </Field>
      </div>

      {bulk ? (
        <div className="campaign-preview">
          <h3 className="campaign-compose__subtitle">{tc.preview}</h3>
          <div className="campaign-preview__list">
            {(previews.length > 0 ? previews : [undefined]).map((recipient, index) => (
              <figure className="campaign-preview__bubble" key={recipient?.phone ?? index}>
                {recipient?.name ? (
                  <figcaption className="campaign-preview__to">
                    <bdi>{recipient.name}</bdi>
                  </figcaption>
                ) : null}
                <p dir="auto">
                  {fillRuns(bulk.shape.body, bulk.shape.named, (variable) =>
                    rowValue(bulk, recipient, variable),
                  ).map((run, runIndex) => (
                    <span
                      // Runs are positional slices of a fixed text.
                      // biome-ignore lint/suspicious/noArrayIndexKey: the runs of one text never reorder
                      key={runIndex}
                      className={
                        run.isMissing
                          ? "campaign-preview__var"
                          : run.isValue
                            ? "campaign-preview__value"
                            : undefined
                      }
                    >
                      {run.text}
                    </span>
                  ))}
                </p>
                {bulk.shape.footer ? <p className="campaign-preview__footer">{bulk.shape.footer}</p> : null}
              </figure>
            ))}
          </div>
        </div>
      ) : null}

      <fieldset className="campaign-recipients" disabled={!bulk}>
        <legend className="campaign-compose__subtitle">{tc.recipients}</legend>
        <p className="field__hint" id={helpId}>
          {tc.csvHelp} <code dir="ltr">{header}</code>
        </p>
        <div className="campaign-recipients__actions">
          <button type="button" className="button" onClick={() => fileRef.current?.click()}>
            <Icon name="paperclip" size={16} />
            {tc.upload}
          </button>
          <input
            ref={fileRef}
            type="file"
            accept=".csv,text/csv,text/plain"
            className="visually-hidden"
            tabIndex={-1}
            aria-label={tc.upload}
            onChange={onFile}
          />
          {bulk ? (
            <button
              type="button"
              className="button button--ghost"
              onClick={() => {
                setCsv(sampleCsv(bulk));
                setFileName(null);
              }}
            >
              {tc.example}
            </button>
          ) : null}
          {fileName ? (
            <span className="table__muted">
              {tc.uploaded} <bdi>{fileName}</bdi>
            </span>
          ) : null}
        </div>
        <Field label={tc.csvLabel}>
          <textarea
            className="input campaign-recipients__csv"
            dir="ltr"
            spellCheck={false}
            rows={8}
            value={csv}
            aria-describedby={helpId}
            placeholder={header}
            onChange={(event) => {
              setCsv(event.target.value);
              setFileName(null);
            }}
          />
        </Field>
        {parsed ? (
          <div className="campaign-parse" aria-live="polite">
            {parsed.fileErrors.map((problem) => (
              <p key={problem.kind} className="alert alert--danger">
                {problem.kind === "empty"
                  ? tc.fileProblems.empty
                  : problem.kind === "tooMany"
                    ? tc.fileProblems.tooMany(fmt.number(problem.max))
                    : problem.kind === "missingColumns"
                      ? tc.fileProblems.missingColumns(problem.columns.join(", "))
                      : tc.fileProblems.unknownColumns(problem.columns.join(", "))}
              </p>
            ))}
            {parsed.fileErrors.length === 0 ? (
              <p className="campaign-parse__count">
                <Icon name="check" size={16} />
                {tc.readRows(parsed.rows.length, fmt.number(parsed.rows.length))}
              </p>
            ) : null}
            {lineErrors.length > 0 ? (
              <details className="campaign-parse__errors" open={lineErrors.length <= 10}>
                <summary>{tc.lineErrorsTitle(lineErrors.length, fmt.number(lineErrors.length))}</summary>
                <ul>
                  {lineErrors.map((error) => (
                    <li key={error.line}>
                      <strong>{tc.line(fmt.number(error.line))}</strong>
                      {" — "}
                      {describeLineProblem(error.problem, tc, fmt.number)}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        ) : null}
      </fieldset>

      <div className="campaign-compose__footer">
        <button
          type="button"
          className={estimated && !stale ? "button" : "button button--primary"}
          disabled={!draft || estimate.isPending}
          onClick={runEstimate}
        >
          {estimate.isPending ? tc.estimating : tc.estimate}
        </button>
        {estimate.isError ? (
          <p className="alert alert--danger" role="alert">
            {describeError(estimate.error, t, fmt)}
          </p>
        ) : null}
      </div>

      {estimated ? (
        <EstimatePanel
          estimate={estimated.estimate}
          lines={estimated.lines}
          stale={stale}
          sending={create.isPending}
          onSend={() => setConfirming(true)}
        />
      ) : null}

      {confirming && estimated && bulk ? (
        <Dialog
          title={tc.confirmTitle}
          role="alertdialog"
          onClose={() => setConfirming(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t.common.cancel}
              </button>
              <button
                type="button"
                className="button button--primary"
                disabled={create.isPending}
                onClick={send}
              >
                {create.isPending ? tc.sending : tc.confirm}
              </button>
            </>
          }
        >
          <p>
            {tc.confirmBody(
              fmt.number(estimated.estimate.sendable),
              mad(estimated.estimate.estimatedCostMad),
              bulk.template.name,
            )}
          </p>
          {create.isError ? (
            <p className="alert alert--danger" role="alert">
              {describeError(create.error, t, fmt)}
            </p>
          ) : null}
        </Dialog>
      ) : null}
    </section>
  );
}

/** `fr` → `Français` in the interface's language. */
function languageName(code: string, uiLocale: string): string {
  try {
    return new Intl.DisplayNames([uiLocale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function categoryLabel(tc: { categories: Record<string, string> }, category: string): string {
  return tc.categories[category.toUpperCase()] ?? category;
}
