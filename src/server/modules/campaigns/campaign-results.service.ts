import Papa from "papaparse";
import type { CampaignRecipientResult, DropReason, RecipientStage } from "../../../contracts/campaigns";
import { notFound } from "../../platform/errors";
import { explain } from "../../platform/graph/meta-errors";
import type { RequestContext } from "../context";
import type { CampaignsRepository } from "./campaigns.repository";

type ResultRow = Awaited<ReturnType<CampaignsRepository["results"]>>[number];

const DROP_CODE: Record<string, DropReason> = { excluded: "opted_out", duplicate: "duplicate" };

/** Which reason code a row left out before sending has (its stored reason read once). */
function dropCode(row: ResultRow): DropReason | null {
  if (row.outcome === "excluded" || row.outcome === "duplicate") return DROP_CODE[row.outcome]!;
  if (row.outcome !== "invalid") return null;
  if (/no phone number/i.test(row.reason ?? "")) return "no_phone";
  if (/phone number/i.test(row.reason ?? "")) return "invalid_phone";
  return "invalid_values";
}

/** How far one recipient's message went: the furthest stage it reached, or why it never went. */
export function stageOf(row: ResultRow): RecipientStage {
  if (row.outcome === "cancelled") return "cancelled";
  if (row.outcome === "pending") return "queued";
  if (row.outcome !== "queued") return "not_sent";
  if (row.status === "failed") return "failed";
  if (row.repliedAt) return "replied";
  if (row.reachedRead) return "read";
  if (row.reachedDelivered) return "delivered";
  if (row.reachedSent) return "sent";
  return "queued";
}

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

function present(row: ResultRow): CampaignRecipientResult {
  const stage = stageOf(row);
  return {
    row: row.row,
    phone: row.phone,
    name: row.name,
    stage,
    reason:
      stage === "failed"
        ? explain(row.errorCode ?? undefined, row.errorDetails ?? row.errorTitle ?? "failed")
        : stage === "not_sent" || stage === "cancelled"
          ? (row.reason ?? row.outcome)
          : null,
    code: stage === "not_sent" ? dropCode(row) : null,
    conversationId: row.conversationId,
    sentAt: iso(row.sentAt),
    deliveredAt: iso(row.deliveredAt),
    readAt: iso(row.readAt),
    repliedAt: iso(row.repliedAt),
  };
}

/** Every candidate of a campaign, in file order, with how far their message went. */
export async function campaignResults(ctx: RequestContext, id: string) {
  const campaign = await ctx.repos.campaigns.findById(id);
  if (!campaign) throw notFound("Campaign");
  const rows = await ctx.repos.campaigns.results(id);
  return { campaign, recipients: rows.map(present) };
}

/** The same as a CSV a spreadsheet opens (UTF-8 with a BOM, so Excel reads the accents). */
export async function campaignResultsCsv(ctx: RequestContext, id: string) {
  const { campaign, recipients } = await campaignResults(ctx, id);
  const csv = Papa.unparse({
    fields: ["row", "phone", "name", "stage", "reason", "sent_at", "delivered_at", "read_at", "replied_at"],
    data: recipients.map((r) => [
      r.row + 1,
      r.phone,
      r.name ?? "",
      r.stage,
      r.reason ?? "",
      r.sentAt ?? "",
      r.deliveredAt ?? "",
      r.readAt ?? "",
      r.repliedAt ?? "",
    ]),
  });
  return { campaign, csv: `\uFEFF${csv}\r\n` };
}
