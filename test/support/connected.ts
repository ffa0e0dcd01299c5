import { expect } from "vitest";
import type {
  CompleteSignupResponse,
  ConnectionResponse,
  InitiateSignupResponse,
} from "../../src/contracts/connections";
import { type BuiltApp, buildApp } from "../../src/server/app";
import type { Config } from "../../src/server/platform/config";
import { createLogger } from "../../src/server/platform/logger";
import { buildClient, type Caller, loginAs } from "./factories";
import { finishSimulatedSignup, type SeededNumber } from "./simulated-signup";
import type { TestApp } from "./test-app";
import { PATIENCE_MS } from "./waiting";

/** Polls until the connection leaves onboarding (the worker runs its steps). */
export async function waitSettled(session: Caller, id: string): Promise<ConnectionResponse> {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const connection = (await session.get(`/api/connections/${id}`)).json<ConnectionResponse>();
    if (connection.state !== "onboarding") return connection;
    if (Date.now() > deadline)
      throw new Error(`connection still onboarding: ${JSON.stringify(connection.steps)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs Embedded Signup through the API with the simulated dialog's code, as the dashboard does;
 * `businessApp` onboards the number as a WhatsApp Business app number (coexistence).
 */
export async function connectNumber(
  app: TestApp,
  session: Caller,
  number: SeededNumber,
  pin?: string,
  options: { businessApp?: boolean } = {},
) {
  const { state } = (await session.post("/api/auth/whatsapp/initiate")).json<InitiateSignupResponse>();
  const signup = await finishSimulatedSignup(app, number, undefined, options);
  const response = await session.post("/api/auth/whatsapp/complete", {
    state,
    code: signup.code,
    session: signup.session,
    pin,
  });
  expect(response.statusCode, response.body).toBe(202);
  return {
    ...signup,
    connection: await waitSettled(session, response.json<CompleteSignupResponse>().connection!.id),
  };
}

/** A new client whose owner has connected a seeded number, ready to send and receive. */
export async function connectedClient(app: TestApp, number: SeededNumber = "casablanca") {
  const { client, owner } = await buildClient(app);
  const session = await loginAs(app, owner);
  const { connection } = await connectNumber(app, session, number);
  expect(connection.state).toBe("active");
  return { clientId: client.id, owner, session, connection };
}

export { eventually } from "./waiting";

/** The simulator's control API on this app: a GET without a payload, a POST with one. */
export function simulatorControl(app: TestApp) {
  return (url: string, payload?: object) =>
    app.inject({
      method: payload ? "POST" : "GET",
      url: `/simulator/control/${url}`,
      ...(payload ? { payload } : {}),
    });
}

/**
 * A worker process of its own on the same database as `app` (which may run none), polling fast;
 * `config` changes its settings (a shorter Graph timeout, say) without touching the app's.
 */
export async function startWorkerBeside(app: TestApp, config: Config = app.deps.config): Promise<BuiltApp> {
  const worker = await buildApp({
    config,
    database: app.database,
    log: createLogger("silent"),
    mountSimulator: false,
  });
  await worker.startWorker({ pollingIntervalSeconds: 0.2 });
  return worker;
}
