import type { Db } from "../../platform/db/client";
import { addUser, findUserIdByEmail, provisionClient } from "./provisioning.repository";

/** The sandbox's demo account. The password is public on purpose: sandbox mode only. */
export const demoAccount = {
  clientName: "Atlas Recrutement (démo)",
  owner: { email: "owner@demo.linkojob.ma", name: "Salma Bennani", password: "linkojob-demo" },
  recruiter: { email: "recruteur@demo.linkojob.ma", name: "Youssef Alaoui", password: "linkojob-demo" },
};

/** Creates the demo client, owner and recruiter once; later starts find them and change nothing. */
export async function seedDemoAccount(db: Db): Promise<{ created: boolean }> {
  if (await findUserIdByEmail(db, demoAccount.owner.email)) return { created: false };
  const { client } = await provisionClient(db, { name: demoAccount.clientName, owner: demoAccount.owner });
  await addUser(db, client.id, { ...demoAccount.recruiter, role: "recruiter" });
  return { created: true };
}
