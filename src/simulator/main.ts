import Fastify from "fastify";
import { createSimulator } from "./index";

/** Standalone simulator: `npm run simulator`, mounted at /simulator so URLs match the sandbox. */
const port = Number(process.env.SIMULATOR_PORT ?? 4010);
const host = process.env.SIMULATOR_HOST ?? "127.0.0.1";
const simulator = createSimulator({
  appId: process.env.META_APP_ID,
  appSecret: process.env.META_APP_SECRET,
  webhookUrl: process.env.SIMULATOR_WEBHOOK_URL ?? null,
  webhookVerifyToken: process.env.META_WEBHOOK_VERIFY_TOKEN,
  publicUrl: process.env.SIMULATOR_PUBLIC_URL ?? `http://${host}:${port}`,
  dataFile: process.env.SIMULATOR_DATA_FILE ?? "data/simulator.json",
  timeScale: process.env.SIMULATOR_TIME_SCALE ? Number(process.env.SIMULATOR_TIME_SCALE) : 1,
  log: (level, message, data) => console[level](`[simulator] ${message}`, data ?? ""),
});

const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? "info" } });
await app.register(simulator.plugin, { prefix: "/simulator" });
app.get("/", async (_req, reply) => reply.redirect("/simulator/"));

const shutdown = async () => {
  await app.close();
  await simulator.close();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);

await app.listen({ port, host });
console.log(`Meta simulator on http://${host}:${port}/simulator/ (Graph: /simulator/graph/v25.0)`);
