import type { FastifyInstance } from "fastify";
import { LINKOJOB_POOL_WABA_NAME } from "../simulator/index";
import type { Logger } from "./platform/logger";

/**
 * Sandbox mode: LinkoJob's own numbers are ready to lend from the first start, as if the operator
 * had connected LinkoJob's WABA once (`POST /api/operator/virtual-numbers/waba` with a system-user
 * token): the simulator's "LinkoJob Numbers" account, its token minted by the simulator, through
 * the operator API itself (so it is in the operators' log). Nothing happens once a WABA is
 * connected. Needs the server listening: the check of the token is a Graph call to the simulator.
 */
export async function connectSandboxLinkojobNumbers(
  app: FastifyInstance,
  operatorApiKey: string,
  log: Logger,
): Promise<void> {
  const headers = { authorization: `Bearer ${operatorApiKey}` };
  const pool = await app.inject({ method: "GET", url: "/api/operator/virtual-numbers", headers });
  if (pool.statusCode !== 200 || (pool.json() as { wabas: unknown[] }).wabas.length > 0) return;
  const world = (await app.inject({ method: "GET", url: "/simulator/control/state" })).json() as {
    wabas: { id: string; name: string }[];
  };
  const waba = world.wabas.find((w) => w.name === LINKOJOB_POOL_WABA_NAME);
  if (!waba) return;
  const minted = await app.inject({
    method: "POST",
    url: "/simulator/control/tokens",
    payload: { wabaId: waba.id },
  });
  const { accessToken } = minted.json() as { accessToken: string };
  const connected = await app.inject({
    method: "POST",
    url: "/api/operator/virtual-numbers/waba",
    headers,
    payload: { wabaId: waba.id, accessToken },
  });
  if (connected.statusCode === 200)
    log.info({ wabaId: waba.id }, "sandbox: LinkoJob's numbers ready to lend");
  else
    log.warn(
      { status: connected.statusCode, body: connected.body },
      "sandbox: LinkoJob's numbers not connected",
    );
}
