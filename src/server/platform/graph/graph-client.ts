import { createHmac } from "node:crypto";
import { GraphError, graphErrorFrom } from "./graph-error";
import type {
  CreatedTemplate,
  DebugTokenInfo,
  MediaInfo,
  PhoneNumberInfo,
  SendMessageResult,
  TemplateInfo,
  TemplateSubmission,
  TokenExchangeResult,
} from "./graph-types";
import { HttpTransport, type TransportResponse } from "./http-transport";

export interface GraphClientOptions {
  /** `https://graph.facebook.com` live; the simulator's `/simulator/graph` in sandbox and tests. */
  baseUrl: string;
  version: string;
  appId: string;
  appSecret: string;
  timeoutMs?: number;
  /** Told of every failed call (metrics count them by Meta's code). */
  onError?: (error: GraphError) => void;
}

const PHONE_FIELDS = [
  "id",
  "display_phone_number",
  "verified_name",
  "quality_rating",
  "code_verification_status",
  "name_status",
  "status",
  "platform_type",
  "throughput",
  "account_mode",
  "whatsapp_business_manager_messaging_limit",
].join(",");
/** One number asked on its own also says whether messages can be sent through it (Meta's Health Status). */
const PHONE_NODE_FIELDS = `${PHONE_FIELDS},health_status,is_on_biz_app`;

type Query = Record<string, string | undefined>;

/**
 * The only code that talks to Meta's Graph API. Every call carries `appsecret_proof` with its
 * token (apps may require it), times out, and fails with a GraphError holding Meta's code.
 */
export class GraphClient {
  private readonly transport = new HttpTransport();
  /** `appsecret_proof` per token: one HMAC per token instead of one per call. */
  private readonly proofs = new Map<string, string>();

  constructor(private readonly options: GraphClientOptions) {}

  /** Closes the pooled sockets (on shutdown). */
  close(): void {
    this.transport.close();
  }

  private proofOf(token: string): string {
    let proof = this.proofs.get(token);
    if (!proof) {
      proof = createHmac("sha256", this.options.appSecret).update(token).digest("hex");
      if (this.proofs.size >= 1_000) this.proofs.clear();
      this.proofs.set(token, proof);
    }
    return proof;
  }

  private reported(error: GraphError): GraphError {
    this.options.onError?.(error);
    return error;
  }

  private url(path: string, query: Query = {}): URL {
    const url = new URL(`${this.options.baseUrl}/${this.options.version}/${path.replace(/^\//, "")}`);
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(key, value);
    return url;
  }

  private async call<T>(
    method: string,
    path: string,
    init: {
      token?: string;
      query?: Query;
      json?: unknown;
      form?: FormData;
      /** Raw bytes (a resumable upload), sent with `headers`. */
      bytes?: { data: Buffer; headers: Record<string, string> };
      /** `OAuth` for the resumable upload API; `Bearer` everywhere else. */
      authScheme?: "Bearer" | "OAuth";
    } = {},
  ): Promise<T> {
    const query = { ...init.query };
    if (init.token) query.appsecret_proof = this.proofOf(init.token);
    const url = this.url(path, query);
    const endpoint = `${method} ${url.pathname}`;
    const headers: Record<string, string> = { ...init.bytes?.headers };
    if (init.token) headers.authorization = `${init.authScheme ?? "Bearer"} ${init.token}`;
    if (init.json !== undefined) headers["content-type"] = "application/json";
    const timeoutMs = this.options.timeoutMs ?? 20_000;
    let response: TransportResponse;
    try {
      const body = init.form ?? (init.bytes ? new Blob([new Uint8Array(init.bytes.data)]) : undefined);
      response = body
        ? await this.viaFetch(url, { method, headers, body, timeoutMs })
        : await this.transport.request(url, {
            method,
            headers,
            body: init.json !== undefined ? JSON.stringify(init.json) : undefined,
            timeoutMs,
          });
    } catch (error) {
      const reason = error instanceof Error ? error.name : "network error";
      throw this.reported(new GraphError(`Graph API unreachable (${reason})`, { endpoint }));
    }
    let body: unknown;
    try {
      body = response.text ? JSON.parse(response.text) : {};
    } catch {
      body = undefined;
    }
    if (response.status < 200 || response.status >= 300 || body === undefined)
      throw this.reported(graphErrorFrom(response.status, body, endpoint));
    return body as T;
  }

  /** Multipart and byte uploads go through `fetch`, which streams the body. */
  private async viaFetch(
    url: URL,
    init: { method: string; headers: Record<string, string>; body: FormData | Blob; timeoutMs: number },
  ): Promise<TransportResponse> {
    const response = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(init.timeoutMs),
    });
    return { status: response.status, text: await response.text() };
  }

  /** Embedded Signup: trades the ~30 s code for the client's business token. */
  async exchangeCode(code: string, redirectUri?: string): Promise<TokenExchangeResult> {
    const body = await this.call<{ access_token: string; expires_in?: number }>("GET", "oauth/access_token", {
      query: {
        client_id: this.options.appId,
        client_secret: this.options.appSecret,
        code,
        redirect_uri: redirectUri,
      },
    });
    return { accessToken: body.access_token, expiresInSeconds: body.expires_in ?? null };
  }

  /** What a token may reach (WABA ids in granular scopes) and when it expires, asked with the app token. */
  async debugToken(inputToken: string): Promise<DebugTokenInfo> {
    const { data } = await this.call<{
      data: {
        is_valid: boolean;
        expires_at?: number;
        scopes?: string[];
        granular_scopes?: { scope: string; target_ids?: string[] }[];
      };
    }>("GET", "debug_token", {
      query: { input_token: inputToken, access_token: `${this.options.appId}|${this.options.appSecret}` },
    });
    return {
      isValid: data.is_valid,
      expiresAt: data.expires_at ? new Date(data.expires_at * 1000) : null,
      scopes: data.scopes ?? [],
      granularScopes: (data.granular_scopes ?? []).map((g) => ({
        scope: g.scope,
        targetIds: g.target_ids ?? [],
      })),
    };
  }

  async listPhoneNumbers(wabaId: string, token: string): Promise<PhoneNumberInfo[]> {
    const body = await this.call<{ data: PhoneNumberInfo[] }>("GET", `${wabaId}/phone_numbers`, {
      token,
      query: { fields: PHONE_FIELDS },
    });
    return body.data;
  }

  getPhoneNumber(phoneNumberId: string, token: string): Promise<PhoneNumberInfo> {
    return this.call<PhoneNumberInfo>("GET", phoneNumberId, { token, query: { fields: PHONE_NODE_FIELDS } });
  }

  /** Submits a new display name for the number to Meta's review (answered by `phone_number_name_update`). */
  async requestDisplayName(phoneNumberId: string, name: string, token: string): Promise<void> {
    await this.call("POST", phoneNumberId, { token, json: { new_display_name: name } });
  }

  async subscribeApp(wabaId: string, token: string): Promise<void> {
    await this.call("POST", `${wabaId}/subscribed_apps`, { token });
  }

  async unsubscribeApp(wabaId: string, token: string): Promise<void> {
    await this.call("DELETE", `${wabaId}/subscribed_apps`, { token });
  }

  /** Counts toward Meta's 10 (de)registrations per number per 72 hours: callers never loop on it. */
  async registerNumber(phoneNumberId: string, pin: string, token: string): Promise<void> {
    await this.call("POST", `${phoneNumberId}/register`, {
      token,
      json: { messaging_product: "whatsapp", pin },
    });
  }

  /**
   * Asks Meta to send a WhatsApp Business app number's contacts (`smb_app_state_sync`) or chat
   * history (`history`) through the webhooks. Once each, within 24 hours of the onboarding.
   */
  async requestAppDataSync(
    phoneNumberId: string,
    syncType: "smb_app_state_sync" | "history",
    token: string,
  ): Promise<void> {
    await this.call("POST", `${phoneNumberId}/smb_app_data`, {
      token,
      json: { messaging_product: "whatsapp", sync_type: syncType },
    });
  }

  async deregisterNumber(phoneNumberId: string, token: string): Promise<void> {
    await this.call("POST", `${phoneNumberId}/deregister`, { token });
  }

  sendMessage(
    phoneNumberId: string,
    token: string,
    message: Record<string, unknown>,
  ): Promise<SendMessageResult> {
    return this.call<SendMessageResult>("POST", `${phoneNumberId}/messages`, {
      token,
      json: { messaging_product: "whatsapp", ...message },
    });
  }

  /** Blue ticks for an inbound message, optionally with the typing indicator. */
  async markRead(phoneNumberId: string, token: string, wamid: string, showTyping = false): Promise<void> {
    await this.call("POST", `${phoneNumberId}/messages`, {
      token,
      json: {
        messaging_product: "whatsapp",
        status: "read",
        message_id: wamid,
        ...(showTyping ? { typing_indicator: { type: "text" } } : {}),
      },
    });
  }

  getMedia(mediaId: string, token: string): Promise<MediaInfo> {
    return this.call<MediaInfo>("GET", mediaId, { token });
  }

  /** Downloads from the short-lived URL `getMedia` returned; it needs the same bearer token. */
  async downloadMedia(url: string, token: string, maxBytes: number): Promise<Buffer> {
    const endpoint = `GET ${new URL(url).pathname}`;
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
    }).catch(() => {
      throw new GraphError("media download unreachable", { endpoint });
    });
    if (!response.ok)
      throw graphErrorFrom(response.status, await response.json().catch(() => undefined), endpoint);
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > maxBytes) throw new GraphError(`media larger than ${maxBytes} bytes`, { endpoint });
    const bytes = Buffer.from(await response.arrayBuffer());
    if (bytes.length > maxBytes) throw new GraphError(`media larger than ${maxBytes} bytes`, { endpoint });
    return bytes;
  }

  async uploadMedia(
    phoneNumberId: string,
    token: string,
    file: { bytes: Buffer; mimeType: string; filename: string },
  ): Promise<string> {
    const form = new FormData();
    form.set("messaging_product", "whatsapp");
    form.set("type", file.mimeType);
    form.set("file", new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.filename);
    const body = await this.call<{ id: string }>("POST", `${phoneNumberId}/media`, { token, form });
    return body.id;
  }

  /** Every template of a WABA, following Meta's paging. */
  async listTemplates(wabaId: string, token: string): Promise<TemplateInfo[]> {
    const all: TemplateInfo[] = [];
    let after: string | undefined;
    for (let page = 0; page < 50; page++) {
      const body = await this.call<{
        data: TemplateInfo[];
        paging?: { cursors?: { after?: string }; next?: string };
      }>("GET", `${wabaId}/message_templates`, { token, query: { limit: "100", after } });
      all.push(...body.data);
      after = body.paging?.next ? body.paging.cursors?.after : undefined;
      if (!after) break;
    }
    return all;
  }

  /** Submits one template (one language) for Meta's review, or creates it from Meta's library. */
  createTemplate(wabaId: string, token: string, template: TemplateSubmission): Promise<CreatedTemplate> {
    return this.call<CreatedTemplate>("POST", `${wabaId}/message_templates`, { token, json: template });
  }

  getTemplate(templateId: string, token: string): Promise<TemplateInfo> {
    return this.call<TemplateInfo>("GET", templateId, { token });
  }

  /** Replaces a template's components and/or category; Meta reviews it again. */
  async editTemplate(
    templateId: string,
    token: string,
    changes: { category?: string; components?: Record<string, unknown>[] },
  ): Promise<void> {
    await this.call("POST", templateId, { token, json: changes });
  }

  /** Deletes one language of a template (`hsm_id`) by its name. */
  async deleteTemplate(wabaId: string, token: string, name: string, templateId: string): Promise<void> {
    await this.call("DELETE", `${wabaId}/message_templates`, { token, query: { name, hsm_id: templateId } });
  }

  /**
   * Meta's resumable upload, for the sample a media header is reviewed with: opens a session on
   * the app, sends the bytes, and returns the handle a template names in `header_handle`.
   */
  async uploadTemplateSample(
    token: string,
    file: { bytes: Buffer; mimeType: string; filename: string },
  ): Promise<string> {
    const session = await this.call<{ id: string }>("POST", `${this.options.appId}/uploads`, {
      token,
      query: {
        file_name: file.filename,
        file_length: String(file.bytes.length),
        file_type: file.mimeType,
      },
    });
    const uploaded = await this.call<{ h?: string }>("POST", session.id, {
      token,
      authScheme: "OAuth",
      bytes: { data: file.bytes, headers: { file_offset: "0", "content-type": file.mimeType } },
    });
    if (!uploaded.h)
      throw new GraphError("the upload ended without a handle", { endpoint: `POST ${session.id}` });
    return uploaded.h;
  }
}
