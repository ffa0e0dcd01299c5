/** Shapes of the Graph API answers the product reads (meta-platform.md §1, §2, §5, §6). */

export interface TokenExchangeResult {
  accessToken: string;
  expiresInSeconds: number | null;
}

export interface DebugTokenInfo {
  isValid: boolean;
  /** null: the token does not expire (`expires_at: 0`). */
  expiresAt: Date | null;
  scopes: string[];
  granularScopes: { scope: string; targetIds: string[] }[];
}

export interface PhoneNumberInfo {
  id: string;
  display_phone_number?: string;
  verified_name?: string;
  quality_rating?: string;
  code_verification_status?: string;
  name_status?: string;
  status?: string;
  platform_type?: string;
  /** True for a number still used in the WhatsApp Business app (coexistence). */
  is_on_biz_app?: boolean;
  throughput?: { level?: string };
  account_mode?: string;
  whatsapp_business_manager_messaging_limit?: string;
  health_status?: HealthStatus;
}

/**
 * Whether messages can be sent through a number, as Meta's `health_status` field says: the overall
 * status and each entity involved (number, account, business, app) with what limits it.
 */
export interface HealthStatus {
  can_send_message?: string;
  entities?: {
    entity_type?: string;
    id?: string;
    can_send_message?: string;
    errors?: { error_code?: number; error_description?: string; possible_solution?: string }[];
    additional_info?: string[];
  }[];
}

export interface SendMessageResult {
  messaging_product: "whatsapp";
  contacts?: { input: string; wa_id: string }[];
  messages: { id: string; message_status?: string }[];
}

export interface MediaInfo {
  id: string;
  url: string;
  mime_type: string;
  sha256: string;
  file_size: number | string;
}

export interface TemplateInfo {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  quality_score?: { score?: string };
  parameter_format?: "POSITIONAL" | "NAMED";
  rejected_reason?: string;
  components: Record<string, unknown>[];
}

/** What `POST /{waba}/message_templates` answers. */
export interface CreatedTemplate {
  id: string;
  status: string;
  category: string;
}

/** A template as submitted: custom components, or a name from Meta's template library. */
export interface TemplateSubmission {
  name: string;
  language: string;
  category: string;
  parameter_format?: "POSITIONAL" | "NAMED";
  components?: Record<string, unknown>[];
  library_template_name?: string;
}
