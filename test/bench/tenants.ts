import { CSRF_HEADER } from "../../src/contracts/constants";
import { provisionClient } from "../../src/server/modules/accounts/provisioning.repository";
import { openPostgres } from "../../src/server/platform/db/client";
import type { BenchNumber } from "./payloads";
import type { Stack } from "./stack";
import { http, waitFor } from "./support";

/** A client with its own WABA and number, connected through Embedded Signup, and an API key. */
export interface Tenant extends BenchNumber {
  clientId: string;
  connectionId: string;
  apiKey: string;
  /** The owner's login (password `TENANT_PASSWORD`). */
  ownerEmail: string;
}

export const TENANT_PASSWORD = "bench-password-123";

async function login(stack: Stack, email: string) {
  const response = await fetch(`${stack.appUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: TENANT_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login: ${response.status} ${await response.text()}`);
  const session = /lj_session=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1];
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: `lj_session=${session}`, [CSRF_HEADER]: csrfToken };
}

/** What a recruiter does in the dashboard, through the product's API and the simulated dialog. */
async function connectTenant(stack: Stack, index: number, runTag: string): Promise<Tenant> {
  const database = openPostgres(stack.databaseUrl, 1);
  const email = `owner-${runTag}-${index}@bench.test`;
  const { client } = await provisionClient(database.db, {
    name: `Bench agency ${index}`,
    owner: { email, name: `Owner ${index}`, password: TENANT_PASSWORD },
  });
  await database.close();
  const headers = await login(stack, email);
  const { json: initiated } = await http<{ state: string }>(`${stack.appUrl}/api/auth/whatsapp/initiate`, {
    method: "POST",
    headers,
  });
  const { json: world } = await http<{ businesses: { id: string; restricted: boolean }[] }>(
    `${stack.simulatorUrl}/simulator/control/state`,
  );
  const business = world.businesses.find((b) => !b.restricted)!;
  const display = `+2125229${String(index).padStart(5, "0")}`;
  const { json: signup } = await http<{ code: string; waba_id: string; phone_number_id: string }>(
    `${stack.simulatorUrl}/simulator/facebook/signup/complete`,
    {
      body: {
        businessId: business.id,
        waba: { create: { name: `Bench agency ${index}` } },
        phone: { create: { display } },
        displayName: null,
        redirectUri: null,
      },
    },
  );
  const completed = await http<{ connection: { id: string } }>(`${stack.appUrl}/api/auth/whatsapp/complete`, {
    headers,
    body: {
      state: initiated.state,
      code: signup.code,
      session: {
        type: "WA_EMBEDDED_SIGNUP",
        event: "FINISH",
        data: { phone_number_id: signup.phone_number_id, waba_id: signup.waba_id, business_id: business.id },
      },
    },
  });
  if (completed.status !== 202)
    throw new Error(`signup: ${completed.status} ${JSON.stringify(completed.json)}`);
  const connectionId = completed.json.connection.id;
  let connection: { state: string; displayPhoneNumber: string | null; steps: unknown } | null = null;
  await waitFor(
    `connection ${index} to leave onboarding`,
    async () => {
      connection = (
        await http<typeof connection>(`${stack.appUrl}/api/connections/${connectionId}`, { headers })
      ).json;
      return connection?.state !== "onboarding";
    },
    60_000,
    200,
  );
  const settled = connection as unknown as {
    state: string;
    displayPhoneNumber: string | null;
    steps: unknown;
  };
  if (settled.state !== "active") throw new Error(`connection ${index}: ${JSON.stringify(settled)}`);
  await waitFor(
    `templates of connection ${index}`,
    async () =>
      (
        await stack.admin.query("select count(*)::int as n from templates where connection_id = $1", [
          connectionId,
        ])
      ).rows[0].n > 0,
    30_000,
    200,
  );
  const key = await http<{ secret: string }>(`${stack.appUrl}/api/api-keys`, {
    headers,
    body: { name: "bench", scopes: ["messages:send", "conversations:read"] },
  });
  if (key.status !== 201) throw new Error(`api key: ${key.status} ${JSON.stringify(key.json)}`);
  return {
    clientId: client.id,
    connectionId,
    apiKey: key.json.secret,
    ownerEmail: email,
    phoneNumberId: signup.phone_number_id,
    wabaId: signup.waba_id,
    displayPhoneNumber: settled.displayPhoneNumber ?? display,
  };
}

export async function connectTenants(stack: Stack, count: number): Promise<Tenant[]> {
  const runTag = Date.now().toString(36);
  const tenants: Tenant[] = [];
  // A few at a time: onboarding runs in the product's worker like any other job.
  for (let i = 0; i < count; i += 5) {
    const batch = Array.from({ length: Math.min(5, count - i) }, (_, k) =>
      connectTenant(stack, i + k, runTag),
    );
    tenants.push(...(await Promise.all(batch)));
  }
  return tenants;
}
