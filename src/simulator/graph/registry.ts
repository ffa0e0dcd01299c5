import type { FastifyReply, FastifyRequest } from "fastify";
import type { SimContext } from "../context";
import type { Business, MediaObject, PhoneNumber, Template, UploadSession, Waba } from "../state";
import { authenticate, unsupportedRequest } from "./auth";

/** A Graph object found by id; Graph paths don't say what kind of object an id is. */
export type GraphNode =
  | { kind: "phone"; id: string; phone: PhoneNumber }
  | { kind: "waba"; id: string; waba: Waba }
  | { kind: "media"; id: string; media: MediaObject }
  | { kind: "template"; id: string; template: Template }
  | { kind: "business"; id: string; business: Business }
  /** The Meta app itself (`/{app-id}/uploads` opens a resumable upload). */
  | { kind: "app"; id: string }
  | { kind: "upload"; id: string; upload: UploadSession };

export type NodeKind = GraphNode["kind"];
type Method = "GET" | "POST" | "DELETE";

export interface RouteArgs<K extends NodeKind> {
  req: FastifyRequest;
  reply: FastifyReply;
  node: Extract<GraphNode, { kind: K }>;
  version: string;
}
type Handler<K extends NodeKind> = (args: RouteArgs<K>) => Promise<unknown>;

export function resolveNode(ctx: SimContext, id: string): GraphNode | null {
  const { state } = ctx;
  const phone = state.phoneNumbers.find((p) => p.id === id);
  if (phone) return { kind: "phone", id, phone };
  const waba = state.wabas.find((w) => w.id === id);
  if (waba) return { kind: "waba", id, waba };
  const media = state.media.find((m) => m.id === id);
  if (media) return { kind: "media", id, media };
  const template = state.templates.find((t) => t.id === id);
  if (template) return { kind: "template", id, template };
  const business = state.businesses.find((b) => b.id === id);
  if (business) return { kind: "business", id, business };
  if (id === ctx.options.appId) return { kind: "app", id };
  const upload = state.uploads.find((u) => u.id === id);
  if (upload) return { kind: "upload", id, upload };
  return null;
}

/** Handlers keyed by object kind, edge and method; modules register theirs. */
export class GraphRegistry {
  private readonly handlers = new Map<string, Handler<NodeKind>>();

  on<K extends NodeKind>(kind: K, edge: string | null, method: Method, handler: Handler<K>): void {
    this.handlers.set(`${kind}/${edge ?? ""}/${method}`, handler as unknown as Handler<NodeKind>);
  }

  async dispatch(
    ctx: SimContext,
    args: { req: FastifyRequest; reply: FastifyReply; id: string; edge: string | null; version: string },
  ): Promise<unknown> {
    const method = args.req.method as Method;
    const node = resolveNode(ctx, args.id);
    const handler = node && this.handlers.get(`${node.kind}/${args.edge ?? ""}/${method}`);
    if (!node || !handler) {
      // Graph checks the token before it looks the object up: no token is 104, a bad one 190.
      authenticate(ctx, args.req);
      throw unsupportedRequest(args.id, method);
    }
    return handler({ req: args.req, reply: args.reply, node, version: args.version });
  }
}
