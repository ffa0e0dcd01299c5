import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance } from "fastify";
import { createSimulator, type Simulator, type SimulatorOptions } from "../index";
import { signatureFor } from "../webhooks/sign";

/** A webhook POST as the receiver got it: exact bytes, header and parsed body. */
export interface ReceivedWebhook {
  raw: Buffer;
  signature: string | undefined;
  body: {
    object: string;
    entry: { id: string; time?: number; changes: { field: string; value: Record<string, unknown> }[] }[];
  };
  signatureValid: boolean;
}

/** A tiny product `/webhook` on 127.0.0.1:0; `status` decides what it answers (200 by default). */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  status: (nth: number) => number = () => 200;
  private server: Server | null = null;
  private count = 0;

  constructor(private readonly appSecret: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/webhook`;
  }

  private async handle(req: IncomingMessage, res: import("node:http").ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.method === "GET") {
      const ok = url.searchParams.get("hub.verify_token") === "receiver-token";
      res.writeHead(ok ? 200 : 403).end(ok ? (url.searchParams.get("hub.challenge") ?? "") : "forbidden");
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const signature = req.headers["x-hub-signature-256"] as string | undefined;
    const status = this.status(this.count++);
    if (status === 200) {
      this.received.push({
        raw,
        signature,
        body: JSON.parse(raw.toString("utf8")),
        signatureValid: signature === signatureFor(raw, this.appSecret),
      });
    }
    res.writeHead(status).end();
  }

  /** Every `changes[].value` received so far for a field, flattened. */
  values(field = "messages"): Record<string, unknown>[] {
    return this.received.flatMap((w) =>
      w.body.entry.flatMap((e) => e.changes.filter((c) => c.field === field).map((c) => c.value)),
    );
  }

  statuses(): { id: string; status: string; [k: string]: unknown }[] {
    return this.values().flatMap((v) => (v.statuses as { id: string; status: string }[] | undefined) ?? []);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * Polls until `check` returns a value (not undefined/false) or throws after `timeoutMs` of real
 * time: generous, since a loaded machine can take seconds and a passing test never waits it out.
 */
export async function waitFor<T>(check: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error("waitFor: condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A file a media server answers with: status, `content-type`, and the body (or its size). */
export interface ServedFile {
  status?: number;
  type: string;
  body?: Buffer;
  /** Streams this many bytes without announcing a length (a server that lies or does not say). */
  streamBytes?: number;
}

/**
 * A web server on 127.0.0.1:0 serving `files` by path, for media sent by link: Meta's fetcher
 * reaches the business's server, the simulator's reaches this one. Unknown paths answer 404.
 */
export async function startMediaServer(files: Record<string, ServedFile>) {
  const server = createServer((req, res) => {
    const file = files[new URL(req.url ?? "/", "http://x").pathname];
    if (!file) return void res.writeHead(404, "Not Found").end();
    if (file.streamBytes !== undefined) {
      res.writeHead(file.status ?? 200, { "content-type": file.type });
      const chunk = Buffer.alloc(64 * 1024, 1);
      let left = file.streamBytes;
      const write = () => {
        while (left > 0) {
          const part = chunk.subarray(0, Math.min(left, chunk.length));
          left -= part.length;
          if (!res.write(part)) return void res.once("drain", write);
        }
        res.end();
      };
      res.on("error", () => {});
      return write();
    }
    res.writeHead(file.status ?? 200, { "content-type": file.type }).end(file.body ?? Buffer.alloc(0));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Response JSON in tests: read freely, then pinned down with `expect` (which is the type check here). */
// biome-ignore lint/suspicious/noExplicitAny: test-only JSON, every use is asserted by expect
export type Loose = any;

export interface Harness {
  sim: Simulator;
  app: FastifyInstance;
  receiver: WebhookReceiver;
  /** The seeded Casablanca number (unregistered), its WABA and a business token for it. */
  phoneId: string;
  wabaId: string;
  token: string;
  graph(
    method: "GET" | "POST" | "DELETE",
    path: string,
    body?: unknown,
    token?: string | null,
  ): Promise<{ status: number; body: Loose }>;
  control(method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; body: Loose }>;
  close(): Promise<void>;
}

/**
 * A simulator mounted at /simulator in a Fastify app, a webhook receiver subscribed to the demo
 * WABA, and the Casablanca number registered, so tests start from a working connection.
 */
export async function createHarness(options: SimulatorOptions = {}): Promise<Harness> {
  const appSecret = "test-app-secret";
  const receiver = new WebhookReceiver(appSecret);
  const webhookUrl = await receiver.start();
  const sim = createSimulator({
    appSecret,
    webhookUrl,
    publicUrl: "http://sim.test",
    statusDelaysMs: { sent: 10, delivered: 20, read: 30 },
    templateReviewDelayMs: 50,
    webhookRetry: { baseDelayMs: 20, maxAgeMs: 10_000, timeoutMs: 2000 },
    ...options,
  });
  const app = Fastify();
  await app.register(sim.plugin, { prefix: "/simulator" });
  await app.ready();
  const phone = sim.state.phoneNumbers.find((p) => p.displayPhoneNumber === "+212 6 61 23 45 67");
  if (!phone) throw new Error("seed changed: Casablanca number missing");

  const inject = async (
    method: "GET" | "POST" | "DELETE",
    url: string,
    body?: unknown,
    token?: string | null,
  ) => {
    const res = await app.inject({
      method,
      url,
      ...(body !== undefined ? { payload: body as object } : {}),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const json = String(res.headers["content-type"] ?? "").includes("json");
    return { status: res.statusCode, body: (json ? res.json() : res.body) as Loose };
  };
  const mint = await inject("POST", "/simulator/control/tokens", { wabaId: phone.wabaId });
  const token = String(mint.body.accessToken);
  const harness: Harness = {
    sim,
    app,
    receiver,
    phoneId: phone.id,
    wabaId: phone.wabaId,
    token,
    graph: (method, path, body, t) =>
      inject(method, `/simulator/graph${path}`, body, t === undefined ? token : t),
    control: (method, path, body) => inject(method, `/simulator/control${path}`, body),
    close: async () => {
      await app.close();
      await sim.close();
      await receiver.stop();
    },
  };
  await harness.graph("POST", `/v23.0/${phone.wabaId}/subscribed_apps`);
  await harness.graph("POST", `/v23.0/${phone.id}/register`, {
    messaging_product: "whatsapp",
    pin: "123456",
  });
  return harness;
}
