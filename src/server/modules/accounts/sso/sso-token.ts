import { createPublicKey, type KeyObject } from "node:crypto";
import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import { z } from "zod";
import { USER_ROLES } from "../../../../contracts/roles";
import type { Config } from "../../../platform/config";

/** At most this long between `iat` and `exp`: a sign-on link is used at once or not at all. */
export const MAX_TOKEN_LIFE_SECONDS = 300;
/** Clocks of LinkoJob's servers and ours may differ by this much. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** Why a token is refused; each has its words on the refusal page. */
export type SsoRefusal =
  | "missing"
  | "malformed"
  | "expired"
  | "too_long_lived"
  | "audience"
  | "issuer"
  | "signature"
  | "claims"
  | "replayed"
  | "not_configured"
  | "unknown_client"
  | "suspended"
  | "email_taken"
  | "disabled";

export class SsoTokenError extends Error {
  constructor(
    readonly reason: SsoRefusal,
    message: string,
  ) {
    super(message);
    this.name = "SsoTokenError";
  }
}

/** What LinkoJob's token says, beyond the registered claims jose checks. */
const SsoClaims = z
  .object({
    jti: z.string().min(8).max(200),
    /** LinkoJob's id of the user. */
    sub: z.string().trim().min(1).max(120),
    email: z.email().max(254),
    name: z.string().trim().min(1).max(120),
    role: z.enum(USER_ROLES),
    /** The client: our id, or LinkoJob's id of the company (the client's `externalId`). */
    client_id: z.uuid().optional(),
    company_id: z.string().trim().min(1).max(120).optional(),
    locale: z.enum(["fr", "en", "ar"]).optional(),
    iat: z.number(),
    exp: z.number(),
  })
  .refine((c) => Boolean(c.client_id) !== Boolean(c.company_id), {
    message: "name the client with exactly one of client_id or company_id",
  });
export type SsoClaims = z.infer<typeof SsoClaims>;

type Key = Uint8Array | KeyObject | JWTVerifyGetKey;

/** How tokens are checked, from the configuration: one shared secret, one public key, or a JWKS. */
export class SsoVerifier {
  private readonly key: Key | null;
  private readonly algorithms: string[];

  constructor(private readonly config: Config["sso"]) {
    if (config.hs256Secret) {
      this.key = new TextEncoder().encode(config.hs256Secret);
      this.algorithms = ["HS256"];
    } else if (config.publicKeyPem) {
      const key = createPublicKey(config.publicKeyPem);
      this.key = key;
      this.algorithms = key.asymmetricKeyType === "ed25519" ? ["EdDSA", "Ed25519"] : ["RS256"];
    } else if (config.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5_000 });
      this.algorithms = ["EdDSA", "Ed25519", "RS256"];
    } else {
      this.key = null;
      this.algorithms = [];
    }
  }

  get isConfigured(): boolean {
    return this.key !== null;
  }

  /** The token's claims once its signature, audience, issuer, life and claims are checked. */
  async verify(token: string | undefined): Promise<SsoClaims> {
    if (!this.key) throw new SsoTokenError("not_configured", "Single sign-on is not configured");
    if (!token) throw new SsoTokenError("missing", "The link carries no token");
    if (token.length > 8_000 || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token))
      throw new SsoTokenError("malformed", "The token is not a signed JWT");
    let payload: JWTPayload;
    try {
      const options = {
        algorithms: this.algorithms,
        audience: this.config.audience,
        issuer: this.config.issuer,
        requiredClaims: ["exp", "iat", "jti", "sub"],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        maxTokenAge: MAX_TOKEN_LIFE_SECONDS + CLOCK_TOLERANCE_SECONDS,
      };
      // Two calls for jose's two overloads: a key, or a function finding one (JWKS).
      const key = this.key;
      payload = (
        typeof key === "function"
          ? await jwtVerify(token, key, options)
          : await jwtVerify(token, key, options)
      ).payload;
    } catch (error) {
      throw refusalOf(error);
    }
    const claims = SsoClaims.safeParse(payload);
    if (!claims.success) {
      const issue = claims.error.issues[0]!;
      throw new SsoTokenError("claims", `${issue.path.join(".") || "token"}: ${issue.message}`);
    }
    if (claims.data.exp - claims.data.iat > MAX_TOKEN_LIFE_SECONDS)
      throw new SsoTokenError("too_long_lived", `exp is more than ${MAX_TOKEN_LIFE_SECONDS} s after iat`);
    return claims.data;
  }
}

function refusalOf(error: unknown): SsoTokenError {
  if (error instanceof errors.JWTExpired) return new SsoTokenError("expired", "The token has expired");
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return new SsoTokenError("audience", "The token is for another audience");
    if (error.claim === "iss") return new SsoTokenError("issuer", "The token has another issuer");
    if (error.claim === "iat") return new SsoTokenError("expired", "The token is too old");
    return new SsoTokenError("claims", `The token's ${error.claim} claim is missing or wrong`);
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JWKSNoMatchingKey
  )
    return new SsoTokenError("signature", "The token's signature does not match LinkoJob's key");
  return new SsoTokenError("malformed", "The token cannot be read");
}
