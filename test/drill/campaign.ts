import type { Stack } from "../bench/stack";
import { http } from "../bench/support";
import type { Tenant } from "../bench/tenants";

export interface Campaign {
  id: string;
  /** Our ids of the messages the campaign queued. */
  messageIds: string[];
  /** The number's pace, in sends per second. */
  perSecond: number;
}

export const campaignPhone = (row: number) => `+21266${String(row).padStart(7, "0")}`;

const setPace = (stack: Stack, tenant: Tenant, perSecond: number) =>
  stack.admin.query("update whatsapp_connections set throughput_per_second = $1 where id = $2", [
    perSecond,
    tenant.connectionId,
  ]);

/**
 * Creates the campaign through the API, as a recruiter's dashboard does, with the seeded
 * `hello_world` template (approved) on the tenant's number, then paces the number (its
 * throughput, which Meta's tier would set, lowered in the database) so that what is left of the
 * campaign lasts about `seconds`: it is still sending through every fault.
 */
export async function startCampaign(
  stack: Stack,
  tenant: Tenant,
  recipients: number,
  seconds: number,
): Promise<Campaign> {
  // The slowest pace while the request queues the recipients (the sends start with the first).
  await setPace(stack, tenant, 1);
  const created = await http<{ id: string; recipientCount: number }>(`${stack.appUrl}/api/campaigns`, {
    headers: { authorization: `Bearer ${tenant.apiKey}` },
    body: {
      name: "Reliability drill",
      connectionId: tenant.connectionId,
      template: { name: "hello_world", language: "en_US" },
      recipients: Array.from({ length: recipients }, (_, row) => ({
        phone: campaignPhone(row),
        name: `Candidat ${row}`,
      })),
    },
  });
  if (created.status !== 201) throw new Error(`campaign: ${created.status} ${JSON.stringify(created.json)}`);
  const { rows } = await stack.admin.query<{ message_id: string; waiting: boolean }>(
    `select r.message_id, m.wamid is null as waiting from campaign_recipients r
     join messages m on m.id = r.message_id
     where r.campaign_id = $1 and r.outcome = 'queued' order by r.row`,
    [created.json.id],
  );
  const waiting = rows.filter((r) => r.waiting).length;
  const perSecond = Math.max(1, Math.floor(waiting / seconds));
  await setPace(stack, tenant, perSecond);
  return { id: created.json.id, messageIds: rows.map((r) => r.message_id), perSecond };
}
