import { useMemo, useState } from "react";
import type { FollowUpDraft } from "../../../../contracts/campaigns";
import { instantToWallTime } from "../../../../contracts/time-zone";
import { useConnectionTemplates } from "../../templates/queries";
import type { CampaignEstimate, CampaignRecipientResult, CampaignResponse } from "../api";
import { useCampaignsI18n } from "../i18n";
import { useCreateFollowUp, useFollowUpEstimate } from "../queries";
import { type BulkTemplate, bulkTemplate, type CsvVariable, templateKey } from "../template";

/** Where a value of the new template comes from (as the follow-up API takes it). */
export type FollowUpSource = FollowUpDraft["values"][number];

/** Stages of a candidate reached who never replied: the follow-up's recipients. */
const SILENT_STAGES: ReadonlySet<CampaignRecipientResult["stage"]> = new Set(["sent", "delivered", "read"]);

/** The candidates a follow-up reaches: their message went out, did not fail, and they never replied. */
export const nonResponders = (results: CampaignRecipientResult[]) =>
  results.filter((row) => SILENT_STAGES.has(row.stage));

/** A follow-up takes body variables only (a header text or a button's URL part is not mapped yet). */
export const followable = (item: BulkTemplate) =>
  item.choosable && item.variables.every((variable) => variable.part === "body");

const bodyOf = (item: BulkTemplate | undefined): CsvVariable[] =>
  (item?.variables ?? []).filter((variable) => variable.part === "body");

/** A first guess: the same variable of the first send, else the candidate's name for a name, else a text. */
function guess(variable: CsvVariable, first: CsvVariable[]): FollowUpSource {
  const same = first.findIndex((candidate) => candidate.name === variable.name);
  if (same >= 0) return { from: "value", index: same };
  if (/^(first_?name|prenom|pr[ée]nom|name|nom)$/iu.test(variable.name)) return { from: "name" };
  return { from: "text", text: "" };
}

/** Two minutes from now, as the client's wall clock: the schedule's default. */
const soon = (timeZone: string) => instantToWallTime(Date.now() + 2 * 60_000, timeZone);

/**
 * A follow-up being composed from a campaign's results: its name, another approved template of the
 * same number, where each of its values comes from, the server's estimate of that exact draft, the
 * schedule, and the confirmed creation.
 */
export function useFollowUpDraft(
  campaign: CampaignResponse,
  silent: CampaignRecipientResult[],
  onCreated: (campaign: CampaignResponse) => void,
) {
  const { tc } = useCampaignsI18n();
  const templates = useConnectionTemplates(campaign.connectionId);
  const bulkTemplates = useMemo(() => (templates.data ?? []).map(bulkTemplate), [templates.data]);
  const first = bulkTemplates.find(
    (item) =>
      item.template.name === campaign.templateName && item.template.language === campaign.templateLanguage,
  );
  const firstBody = bodyOf(first);
  const [name, setName] = useState(() => tc.followUp.defaultName(campaign.name));
  const [chosenTemplate, chooseTemplate] = useState("");
  const bulk = bulkTemplates.find(
    (item) => templateKey(item.template) === chosenTemplate && followable(item),
  );
  const variables = bodyOf(bulk);
  const [edits, setEdits] = useState<Record<string, FollowUpSource>>({});
  const sources = variables.map((variable) => edits[variable.name] ?? guess(variable, firstBody));

  const request: FollowUpDraft | null = bulk
    ? { template: { name: bulk.template.name, language: bulk.template.language }, values: sources }
    : null;
  const requestKey = request ? JSON.stringify(request) : null;
  const estimate = useFollowUpEstimate(campaign.id);
  const [estimated, setEstimated] = useState<{ key: string; estimate: CampaignEstimate } | null>(null);
  const stale = estimated !== null && estimated.key !== requestKey;
  const create = useCreateFollowUp(campaign.id);
  const [confirming, setConfirming] = useState(false);
  const [scheduled, setScheduledOn] = useState(false);
  const [scheduledAt, setScheduledAt] = useState("");

  /** The first three candidates as they will read it (a value of the first send shown by its place). */
  const previews = bulk
    ? silent.slice(0, 3).map((row) => ({
        phone: row.phone,
        name: row.name ?? undefined,
        body: sources.map((source) => ({
          text:
            source.from === "name"
              ? (row.name ?? "")
              : source.from === "text"
                ? source.text
                : tc.followUp.firstValue(firstBody[source.index]?.name ?? String(source.index + 1)),
        })),
      }))
    : [];

  return {
    templates,
    bulkTemplates,
    chosenTemplate,
    bulk,
    firstBody,
    variables,
    sources,
    name,
    previews,
    request,
    estimate,
    estimated,
    stale,
    create,
    confirming,
    scheduled,
    scheduledAt,
    timeZone: campaign.timeZone,
    setName,
    setConfirming,
    setScheduledAt,
    chooseTemplate(key: string) {
      chooseTemplate(key);
      setEdits({});
    },
    setSource(variable: string, source: FollowUpSource) {
      setEdits((current) => ({ ...current, [variable]: source }));
    },
    setScheduled(on: boolean) {
      setScheduledOn(on);
      if (on && !scheduledAt) setScheduledAt(soon(campaign.timeZone));
    },
    runEstimate() {
      if (!request || !requestKey) return;
      estimate.mutate(request, {
        onSuccess: (result) => setEstimated({ key: requestKey, estimate: result }),
      });
    },
    send() {
      if (!request || !estimated || stale) return;
      create.mutate(
        {
          name: name.trim() || tc.followUp.defaultName(campaign.name),
          ...request,
          ...(scheduled && scheduledAt ? { scheduledAt } : {}),
        },
        {
          onSuccess: (created) => {
            setConfirming(false);
            onCreated(created);
          },
        },
      );
    },
  };
}

export type FollowUpDraftState = ReturnType<typeof useFollowUpDraft>;
