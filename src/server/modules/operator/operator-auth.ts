import type { ServerDeps } from "../../deps";
import { safeEqual, sha256 } from "../accounts/secrets";
import { operatorRepository } from "./operator.repository";

/** Who calls an operator route: a credential created by `operator:create`, or "config" (OPERATOR_API_KEY). */
export interface OperatorActor {
  operatorId: string;
}

const PREFIX = "ljop_";
const STORED_PATTERN = /^ljop_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** Operator credentials start with `ljop_`, client API keys with `lj_`: the hook tells them apart. */
export const isOperatorCredential = (bearer: string) => bearer.startsWith(PREFIX);

// Stored credentials record their last use at most once a minute.
const TOUCH_EVERY_MS = 60_000;

/** The operator behind a bearer credential, or null (unknown, revoked, or not the configured one). */
export async function resolveOperator(deps: ServerDeps, bearer: string): Promise<OperatorActor | null> {
  const configured = deps.config.operatorApiKey;
  if (configured && safeEqual(sha256(bearer), sha256(configured))) return { operatorId: "config" };
  const match = STORED_PATTERN.exec(bearer);
  if (!match) return null;
  const repo = operatorRepository(deps.database.db);
  const row = await repo.findCredential(match[1]!);
  if (!row || row.revokedAt || !safeEqual(row.secretHash, sha256(bearer))) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS)
    await repo.touchCredential(row.id);
  return { operatorId: row.id };
}
