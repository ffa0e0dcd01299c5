import type { Db } from "../../../platform/db/client";
import { tenantRepositories } from "../../tenant-repositories";
import type { AppContact } from "./business-app-payloads";

/**
 * The contacts of the business's WhatsApp Business app (`smb_app_state_sync`), in order: an added
 * or renamed contact becomes the candidate of that number, with the name the recruiter gave them
 * on the phone (keyed like every contact: by WhatsApp id, else by phone). A contact removed from
 * the phone's list stays a candidate here: their chats and history are the team's, not the phone's.
 * Returns how many contacts were created or renamed.
 */
export async function syncAppContacts(tx: Db, clientId: string, contacts: AppContact[]): Promise<number> {
  const repos = tenantRepositories(tx, clientId);
  let changed = 0;
  for (const contact of contacts) {
    if (contact.action !== "add") continue;
    const phone = `+${contact.waId}`;
    const existing =
      (await repos.contacts.findByWaId(contact.waId)) ?? (await repos.contacts.findByPhone(phone));
    if (!existing) {
      await repos.contacts.findOrCreateByPhone({ phone, waId: contact.waId, name: contact.name });
      changed++;
    } else if (contact.name && contact.name !== existing.name) {
      await repos.contacts.update(existing.id, { name: contact.name });
      changed++;
    }
  }
  return changed;
}
