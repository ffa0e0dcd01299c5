import { useEffect, useMemo, useState } from "react";
import { useConnectionTemplates } from "../../templates/queries";
import type { CampaignDraft, CampaignEstimate, CampaignResponse } from "../api";
import { expectedHeader, parseRecipientsCsv } from "../csv";
import { useCampaignsI18n } from "../i18n";
import { useConnections, useCreateCampaign, useEstimate } from "../queries";
import { sampleCsv } from "../sample-csv";
import { bulkTemplate, templateKey } from "../template";

/** The server's estimate, kept with the draft it answered (to tell when it no longer matches). */
interface Estimated {
  key: string;
  estimate: CampaignEstimate;
  /** The file line of each recipient sent for estimation. */
  lines: number[];
}

/**
 * A bulk send being composed: the number, the template, the name and the CSV, what they parse to,
 * the estimate of that exact draft, and the confirmed send. The number defaults to the first active
 * one; a template of another number is dropped.
 */
export function useCampaignDraft(onSent: (campaign: CampaignResponse) => void) {
  const { tc, fmt } = useCampaignsI18n();
  const connections = useConnections();
  const active = useMemo(
    () => (connections.data ?? []).filter((connection) => connection.state === "active"),
    [connections.data],
  );
  const [chosenConnection, setConnectionId] = useState<string | null>(null);
  const connectionId = chosenConnection ?? active[0]?.id ?? null;
  const templates = useConnectionTemplates(connectionId);
  const bulkTemplates = useMemo(() => (templates.data ?? []).map(bulkTemplate), [templates.data]);
  const [chosenTemplate, setTemplateKey] = useState("");
  const bulk = bulkTemplates.find((item) => templateKey(item.template) === chosenTemplate && item.choosable);

  const [name, setName] = useState(() => tc.defaultName(fmt.date(new Date().toISOString())));
  const [csv, setCsv] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);

  const parsed = useMemo(
    () => (bulk && csv.trim() ? parseRecipientsCsv(csv, bulk.variables) : null),
    [bulk, csv],
  );
  // What the server takes, once the choices and the file make a complete, valid draft.
  const request = useMemo<CampaignDraft | null>(() => {
    if (!bulk || !connectionId || !parsed || parsed.fileErrors.length > 0 || parsed.rows.length === 0)
      return null;
    return {
      connectionId,
      template: { name: bulk.template.name, language: bulk.template.language },
      recipients: parsed.rows.map((row) => row.recipient),
    };
  }, [bulk, connectionId, parsed]);
  const requestKey = request ? JSON.stringify(request) : null;

  const estimate = useEstimate();
  const [estimated, setEstimated] = useState<Estimated | null>(null);
  const stale = estimated !== null && estimated.key !== requestKey;
  const create = useCreateCampaign();
  const [confirming, setConfirming] = useState(false);

  // A template of another number is no longer a choice.
  useEffect(() => {
    if (chosenTemplate && templates.data && !bulk) setTemplateKey("");
  }, [chosenTemplate, templates.data, bulk]);

  return {
    connections,
    active,
    connectionId,
    templates,
    bulkTemplates,
    chosenTemplate,
    bulk,
    name,
    csv,
    fileName,
    parsed,
    request,
    estimate,
    estimated,
    stale,
    create,
    confirming,
    /** The CSV header the chosen template expects (a generic one before a choice). */
    header: bulk ? expectedHeader(bulk.variables).join(",") : "phone,name,1,2,3",
    /** The first rows, for the preview bubbles. */
    previews: bulk ? (parsed?.rows.slice(0, 3).map((row) => row.recipient) ?? []) : [],
    setName,
    setConfirming,
    chooseConnection(id: string) {
      setConnectionId(id);
      setTemplateKey("");
    },
    chooseTemplate: setTemplateKey,
    /** Recipients typed or pasted: no file any more. */
    pasteCsv(text: string) {
      setCsv(text);
      setFileName(null);
    },
    async loadFile(file: File) {
      setCsv(await file.text());
      setFileName(file.name);
    },
    insertExample() {
      if (!bulk) return;
      setCsv(sampleCsv(bulk, tc.exampleValue));
      setFileName(null);
    },
    runEstimate() {
      if (!request || !requestKey || !parsed) return;
      const lines = parsed.rows.map((row) => row.line);
      estimate.mutate(request, {
        onSuccess: (result) => setEstimated({ key: requestKey, estimate: result, lines }),
      });
    },
    send() {
      if (!request || !estimated || stale) return;
      create.mutate(
        { name: name.trim() || tc.defaultName(fmt.date(new Date().toISOString())), ...request },
        {
          onSuccess: (campaign) => {
            setConfirming(false);
            onSent(campaign);
          },
        },
      );
    },
  };
}

export type CampaignDraftState = ReturnType<typeof useCampaignDraft>;
