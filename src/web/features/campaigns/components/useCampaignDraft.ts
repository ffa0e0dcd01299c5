import { useEffect, useMemo, useState } from "react";
import { MAX_CAMPAIGN_RECIPIENTS } from "../../../../contracts/campaigns";
import { instantToWallTime } from "../../../../contracts/time-zone";
import { useConnectionTemplates } from "../../templates/queries";
import type { CampaignDraft, CampaignEstimate, CampaignResponse } from "../api";
import { parseCsvText, readTableFile, type Table } from "../files";
import { useCampaignsI18n } from "../i18n";
import { guessMapping, type Mapping, recipientsOf, type Source, savedEntries, unmapped } from "../mapping";
import {
  useAudience,
  useCampaignSettings,
  useConnections,
  useCreateCampaign,
  useEstimate,
  useSaveMapping,
} from "../queries";
import { sampleCsv } from "../sample-csv";
import { bulkTemplate, templateKey } from "../template";

/** The server's estimate, kept with the draft it answered (to tell when it no longer matches). */
interface Estimated {
  key: string;
  estimate: CampaignEstimate;
  /** The file line of each recipient sent for estimation (the header is line 1). */
  lines: number[];
}

/** Two minutes from now, as the client's wall clock: the schedule's default. */
const soon = (timeZone: string) => instantToWallTime(Date.now() + 2 * 60_000, timeZone);

/**
 * A bulk send being composed: the number, the template, the name, the candidates (a file read by
 * Papa Parse or read-excel-file, a paste, or conversations of the inbox), the mapping of their
 * columns, the estimate of that exact draft, the schedule, and the confirmed send.
 */
export function useCampaignDraft(onSent: (campaign: CampaignResponse) => void) {
  const { tc, fmt } = useCampaignsI18n();
  const connections = useConnections();
  const settings = useCampaignSettings();
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
  const [table, setTable] = useState<Table | null>(null);
  const [pasted, setPasted] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [readError, setReadError] = useState(false);
  const [edits, setEdits] = useState<Mapping>({});
  const timeZone = settings.data?.timeZone ?? "Africa/Casablanca";
  const [scheduled, setScheduled] = useState(false);
  const [scheduledAt, setScheduledAt] = useState("");

  const guessed = useMemo(
    () => (bulk && table ? guessMapping(bulk, table.headers, settings.data?.columnMapping ?? []) : {}),
    [bulk, table, settings.data],
  );
  const mapping: Mapping = useMemo(() => ({ ...guessed, ...edits }), [guessed, edits]);
  const missing = bulk && table ? unmapped(bulk, mapping) : [];
  const recipients = useMemo(
    () => (bulk && table ? recipientsOf(bulk, table, mapping) : []),
    [bulk, table, mapping],
  );
  const tooMany = recipients.length > MAX_CAMPAIGN_RECIPIENTS;

  // What the server takes, once the choices and the file make a complete draft.
  const request = useMemo<CampaignDraft | null>(() => {
    if (!bulk || !connectionId || recipients.length === 0 || missing.length > 0 || tooMany) return null;
    return {
      connectionId,
      template: { name: bulk.template.name, language: bulk.template.language },
      recipients,
    };
  }, [bulk, connectionId, recipients, missing.length, tooMany]);
  const requestKey = request ? JSON.stringify(request) : null;

  const estimate = useEstimate();
  const [estimated, setEstimated] = useState<Estimated | null>(null);
  const stale = estimated !== null && estimated.key !== requestKey;
  const create = useCreateCampaign();
  const saveMapping = useSaveMapping();
  const audience = useAudience();
  const [confirming, setConfirming] = useState(false);

  // A template of another number is no longer a choice.
  useEffect(() => {
    if (chosenTemplate && templates.data && !bulk) setTemplateKey("");
  }, [chosenTemplate, templates.data, bulk]);

  const takeTable = (next: Table | null, file: string | null) => {
    setTable(next);
    setFileName(file);
    setEdits({});
    setReadError(false);
  };

  return {
    connections,
    active,
    connectionId,
    templates,
    bulkTemplates,
    chosenTemplate,
    bulk,
    name,
    table,
    pasted,
    fileName,
    readError,
    mapping,
    missing,
    tooMany,
    recipients,
    request,
    estimate,
    estimated,
    stale,
    create,
    audience,
    confirming,
    timeZone,
    scheduled,
    scheduledAt,
    /** The first three candidates, for the preview bubbles. */
    previews: bulk ? recipients.slice(0, 3) : [],
    setName,
    setConfirming,
    chooseConnection(id: string) {
      setConnectionId(id);
      setTemplateKey("");
    },
    chooseTemplate: setTemplateKey,
    /** Where a target takes its value now: a column, a fixed text, or nothing. */
    mapTarget(target: string, source: Source) {
      setEdits((current) => ({ ...current, [target]: source }));
    },
    /** Candidates typed or pasted as CSV: no file any more. */
    paste(text: string) {
      setPasted(text);
      takeTable(text.trim() ? parseCsvText(text) : null, null);
    },
    async loadFile(file: File) {
      try {
        takeTable(await readTableFile(file.name, await file.arrayBuffer()), file.name);
        setPasted("");
      } catch {
        takeTable(null, file.name);
        setReadError(true);
      }
    },
    insertExample() {
      if (!bulk) return;
      const text = sampleCsv(bulk, tc.exampleValue);
      setPasted(text);
      takeTable(parseCsvText(text), null);
    },
    /** The candidates of the inbox (a filter, a campaign's chats) as the rows of a table. */
    fromInbox(query: { filter?: string; campaignId?: string }) {
      if (!connectionId) return;
      audience.mutate(
        { connectionId, ...query },
        {
          onSuccess: (found) =>
            takeTable(
              {
                headers: ["telephone", "prenom"],
                rows: found.recipients.map((r) => [r.phone, r.name ?? ""]),
                delimiter: null,
                encoding: null,
              },
              null,
            ),
        },
      );
    },
    setScheduled(on: boolean) {
      setScheduled(on);
      if (on && !scheduledAt) setScheduledAt(soon(timeZone));
    },
    setScheduledAt,
    runEstimate() {
      if (!request || !requestKey || !table) return;
      // Line 1 is the header; blank lines were skipped by the reader.
      const lines = table.rows.map((_, index) => index + 2);
      estimate.mutate(request, {
        onSuccess: (result) => setEstimated({ key: requestKey, estimate: result, lines }),
      });
    },
    send() {
      if (!request || !estimated || stale) return;
      saveMapping.mutate(savedEntries(mapping));
      create.mutate(
        {
          name: name.trim() || tc.defaultName(fmt.date(new Date().toISOString())),
          ...request,
          ...(scheduled && scheduledAt ? { scheduledAt } : {}),
        },
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
