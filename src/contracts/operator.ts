import { z } from "zod";
import { ApiKeyResponse, Locale, PASSWORD_MIN_LENGTH, setsSomething, UserRole } from "./accounts";
import { ConnectionSummary } from "./connections";

/** LinkoJob's id of a company or user: letters, digits and `._:-`, as LinkoJob's systems write them. */
export const ExternalId = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9._:-]+$/, "letters, digits and . _ : - only");

export const ClientState = z.enum(["active", "suspended"]);
export type ClientState = z.infer<typeof ClientState>;

const CountryCode = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}$/, "an ISO 3166 country code such as MA");

/** A client as LinkoJob's back office sees it. */
export const OperatorClient = z.object({
  id: z.uuid(),
  name: z.string(),
  defaultCountry: z.string(),
  externalId: z.string().nullable(),
  state: ClientState,
  suspendedAt: z.string().nullable(),
  suspensionReason: z.string().nullable(),
  isSsoOnly: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OperatorClient = z.infer<typeof OperatorClient>;

/** Activity over the last 30 days, and the totals that describe the client's size. */
export const ClientUsage = z.object({
  since: z.string(),
  messagesSent: z.number().int(),
  messagesReceived: z.number().int(),
  /** Delivered messages Meta charges for (templates by category). */
  billableMessages: z.number().int(),
  /** What the current month cost so far, in MAD: the ledger's figure, as on the client's costs page. */
  costThisMonthMad: z.number(),
  users: z.number().int(),
  contacts: z.number().int(),
  conversations: z.number().int(),
  lastMessageAt: z.string().nullable(),
});
export type ClientUsage = z.infer<typeof ClientUsage>;

export const OperatorClientDetail = OperatorClient.extend({
  numbers: z.array(ConnectionSummary),
  usage: ClientUsage,
});
export type OperatorClientDetail = z.infer<typeof OperatorClientDetail>;

export const OperatorCreateClientBody = z.object({
  name: z.string().trim().min(1).max(200),
  defaultCountry: CountryCode.default("MA"),
  externalId: ExternalId.optional(),
  isSsoOnly: z.boolean().default(false),
  owner: z.object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(120),
    /** Optional: an owner without one arrives through single sign-on. */
    password: z.string().min(PASSWORD_MIN_LENGTH).max(200).optional(),
    externalId: ExternalId.optional(),
  }),
});
export type OperatorCreateClientBody = z.infer<typeof OperatorCreateClientBody>;

export const OperatorUpdateClientBody = setsSomething(
  z.object({
    name: z.string().trim().min(1).max(200).optional(),
    defaultCountry: CountryCode.optional(),
    externalId: ExternalId.nullable().optional(),
    isSsoOnly: z.boolean().optional(),
  }),
);
export type OperatorUpdateClientBody = z.infer<typeof OperatorUpdateClientBody>;

export const SuspendClientBody = z.object({ reason: z.string().trim().min(1).max(500) });

export const OperatorClientListQuery = z.object({
  state: ClientState.optional(),
  /** Part of the name, any case. */
  q: z.string().trim().min(1).max(100).optional(),
  externalId: ExternalId.optional(),
  isSsoOnly: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type OperatorClientListQuery = z.infer<typeof OperatorClientListQuery>;

export const OperatorClientPage = z.object({
  clients: z.array(OperatorClient),
  nextCursor: z.string().nullable(),
});

export const CreatedClientResponse = z.object({
  client: OperatorClientDetail,
  ownerId: z.uuid(),
});
export type CreatedClientResponse = z.infer<typeof CreatedClientResponse>;

export const OperatorCreateUserBody = z.object({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(120),
  role: UserRole,
  /** Optional: a user without one arrives through single sign-on. */
  password: z.string().min(PASSWORD_MIN_LENGTH).max(200).optional(),
  externalId: ExternalId.optional(),
  locale: Locale.default("fr"),
});
export type OperatorCreateUserBody = z.infer<typeof OperatorCreateUserBody>;

export const ClientIdParams = z.object({ clientId: z.uuid() });
export const ClientKeyParams = z.object({ clientId: z.uuid(), keyId: z.uuid() });
export const OperatorApiKeyList = z.object({ apiKeys: z.array(ApiKeyResponse) });
