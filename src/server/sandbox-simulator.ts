import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { createSimulator, type Simulator, type SimulatorOptions } from "../simulator/index";
import type { Config } from "./platform/config";
import type { Logger } from "./platform/logger";

/**
 * Sandbox mode: the Meta simulator runs in this process at /simulator, configured as the Meta app
 * this server believes in (same app id and secret, webhooks to our own /webhook). Graph calls still
 * go over HTTP to it, through the same client as live.
 */
export async function mountSimulator(
  app: FastifyInstance,
  config: Config,
  log: Logger,
  overrides: Partial<SimulatorOptions> = {},
): Promise<Simulator> {
  const simulatorLog = log.child({ component: "simulator" });
  const simulator = createSimulator({
    appId: config.meta.appId,
    appSecret: config.meta.appSecret,
    webhookUrl: `${config.http.publicUrl}/webhook`,
    webhookVerifyToken: config.meta.webhookVerifyToken,
    publicUrl: config.http.publicUrl,
    dataFile: config.env === "test" ? undefined : join(config.dataDir, "simulator.json"),
    log: (level, message, data) => simulatorLog[level](data ?? {}, message),
    ...overrides,
  });
  await app.register(simulator.plugin, { prefix: "/simulator" });
  return simulator;
}
