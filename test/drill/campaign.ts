import type { Stack } from "../bench/stack";
import { http } from "../bench/support";
import type { Tenant } from "../bench/tenants";

export interface Campaign {
  id: string;
  /** The number's pace, in sends per second. */
  perSecond: number;
  /** Our ids of the messages the campaign has created so far (its job creates them in rounds). */
  messageIds(): Promise<string[]>;
  /** Recipients whose message is not created yet. */
  pendingRecipients(): Promise<number>;
}

export const campaignPhone = (row: number) => `+21266${String(row).padStart(7, "0")}`;

/**
 * Creates the campaign through the API, as a recruiter's dashboard does, with the seeded
 * `hello_world` template (approved) on the tenant's number. The number is first paced (its
 * throughput, which Meta's tier would set, lowered in the database) so that the campaign lasts
 * about `seconds`: it is still sending through every fault.
 */
export async function startCampaign(
  stack: Stack,
  tenant: Tenant,
  recipients: number,
  seconds: number,
): Promise<Campaign> {
  const perSecond = Math.max(1, Math.floor(recipients / seconds));
  await stack.admin.query("update whatsapp_connections set throughput_per_second = $1 where id = $2", [
    perSecond,
    tenant.connectionId,
  ]);
  const created = await http<{ id: string }>(`${stack.appUrl}/api/campaigns`, {
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
  const { id } = created.json;
  return {
    id,
    perSecond,
    async messageIds() {
      const { rows } = await stack.admin.query<{ message_id: string }>(
        "select message_id from campaign_recipients where campaign_id = $1 and message_id is not null order by row",
        [id],
      );
      return rows.map((r) => r.message_id);
    },
    async pendingRecipients() {
      const { rows } = await stack.admin.query<{ n: number }>(
        "select count(*)::int as n from campaign_recipients where campaign_id = $1 and outcome = 'pending'",
        [id],
      );
      return rows[0]!.n;
    },
  };
}
