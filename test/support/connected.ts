import { expect } from "vitest";
import type {
  CompleteSignupResponse,
  ConnectionResponse,
  InitiateSignupResponse,
} from "../../src/contracts/connections";
import { type BuiltApp, buildApp } from "../../src/server/app";
import { createLogger } from "../../src/server/platform/logger";
import { buildClient, type Caller, loginAs } from "./factories";
import { finishSimulatedSignup, type SeededNumber } from "./simulated-signup";
import type { TestApp } from "./test-app";

/** Polls until the connection leaves onboarding (the worker runs its steps). */
export async function waitSettled(session: Caller, id: string): Promise<ConnectionResponse> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const connection = (await session.get(`/api/connections/${id}`)).json<ConnectionResponse>();
    if (connection.state !== "onboarding") return connection;
    if (Date.now() > deadline)
      throw new Error(`connection still onboarding: ${JSON.stringify(connection.steps)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs Embedded Signup through the API with the simulated dialog's code, as the dashboard does. */
export async function connectNumber(app: TestApp, session: Caller, number: SeededNumber, pin?: string) {
  const { state } = (await session.post("/api/auth/whatsapp/initiate")).json<InitiateSignupResponse>();
  const signup = await finishSimulatedSignup(app, number);
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

/** Waits until `check` returns a value (polling), or fails with what was last seen. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    last = await check();
    if (last) return last as T;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The simulator's control API on this app: a GET without a payload, a POST with one. */
export function simulatorControl(app: TestApp) {
  return (url: string, payload?: object) =>
    app.inject({
      method: payload ? "POST" : "GET",
      url: `/simulator/control/${url}`,
      ...(payload ? { payload } : {}),
    });
}

/** A worker process of its own on the same database as `app` (which may run none), polling fast. */
export async function startWorkerBeside(app: TestApp): Promise<BuiltApp> {
  const worker = await buildApp({
    config: app.deps.config,
    database: app.database,
    log: createLogger("silent"),
    mountSimulator: false,
  });
  await worker.startWorker({ pollingIntervalSeconds: 0.2 });
  return worker;
}
