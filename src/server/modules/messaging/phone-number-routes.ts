import type { Db } from "../../platform/db/client";
import { connectionDirectory } from "../connections/connection-directory.repository";
import type { WebhookChange } from "../webhooks/field-handler";

export const phoneNumberIdOf = (value: { metadata?: { phone_number_id?: string } } | undefined) =>
  value?.metadata?.phone_number_id;

/**
 * The client and connection of each business number a batch's changes name
 * (`value.metadata.phone_number_id`), looked up in one query; whoever holds the number, however it
 * was onboarded.
 */
export async function routesOfPhoneNumbers(tx: Db, changes: WebhookChange[]) {
  const phoneNumberIds = new Set(changes.map(({ change }) => phoneNumberIdOf(change.value)));
  phoneNumberIds.delete(undefined);
  const owners = await connectionDirectory(tx).ownersOfPhoneNumbers([...phoneNumberIds] as string[]);
  const routes = new Map(owners.map((owner) => [owner.phoneNumberId, owner]));
  return (value: { metadata?: { phone_number_id?: string } } | undefined) => {
    const phoneNumberId = phoneNumberIdOf(value);
    return { phoneNumberId, owner: phoneNumberId ? routes.get(phoneNumberId) : undefined };
  };
}
