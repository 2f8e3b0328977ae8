import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { requestError } from '../../lib/errors';

/** Who is asking, from a verified token. */
export interface Principal {
  /** Employee id (`sub`). */
  medewerker: string;
  rollen: string[];
  /** Gemeente code (GMxxxx) or school BRIN; null for the self-service role. */
  organisatie: string | null;
  /** The young person's own BSN, for the self-service role. */
  bsn: string | null;
}

export interface AuthenticatorOptions {
  /** Key set of the issuer (jose's createRemoteJWKSet or createLocalJWKSet). */
  jwks: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Allowed clock skew in seconds. Default 30; at most 300. */
  clockToleranceSeconds?: number;
  /** Signature algorithms accepted. Default ES256, RS256, PS256, EdDSA; never `none` or HMAC. */
  algorithms?: string[];
  /** Now, for expiry. Default: the system clock. */
  clock?: () => Date;
  /** Oldest token accepted, by its `iat` (seconds), whatever its `exp` says. Default 43200 (12 hours). */
  maxTokenAgeSeconds?: number;
}

const DEFAULT_ALGORITHMS = ['ES256', 'RS256', 'PS256', 'EdDSA'];
const MAX_REMEMBERED = 10_000;

export function createAuthenticator(options: AuthenticatorOptions): (authorization: string | undefined) => Promise<Principal> {
  const tolerance = options.clockToleranceSeconds ?? 30;
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 300) {
    throw new RangeError(`clockToleranceSeconds must be an integer from 0 to 300; received ${options.clockToleranceSeconds}`);
  }
  const maxAge = options.maxTokenAgeSeconds ?? 43_200;
  if (!Number.isInteger(maxAge) || maxAge < 60) throw new RangeError(`maxTokenAgeSeconds must be an integer of at least 60; received ${options.maxTokenAgeSeconds}`);
  const algorithms = options.algorithms ?? DEFAULT_ALGORITHMS;
  const weak = algorithms.filter((a) => a === 'none' || a.startsWith('HS'));
  if (weak.length) throw new RangeError(`algorithms may not include none or HMAC algorithms; received ${weak.join(', ')}`);
  // Verified tokens are remembered until they expire: a front-end sends the same token many
  // times, and a signature check per request is a measurable share of the request's cost.
  const verified = new Map<string, { principal: Principal; exp: number; iat: number }>();
  const now = () => (options.clock?.() ?? new Date()).getTime() / 1000;
  return async (authorization) => {
    const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '')?.[1];
    if (!token) throw requestError('UNAUTHENTICATED', 'a bearer token is required (Authorization: Bearer <token>)');
    const known = verified.get(token);
    if (known && known.exp + tolerance > now() && known.iat + maxAge + tolerance > now()) return known.principal;
    if (known) verified.delete(token);
    let payload;
    try {
      ({ payload } = await jwtVerify(token, options.jwks, {
        issuer: options.issuer, audience: options.audience, algorithms, clockTolerance: tolerance, requiredClaims: ['exp', 'sub', 'iat'],
        maxTokenAge: maxAge,
        currentDate: options.clock?.(),
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw requestError('TOKEN_EXPIRED', 'the token has expired');
      throw requestError('INVALID_TOKEN', `the token was refused: ${describe(error)}`);
    }
    const rollen = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    if (rollen.length === 0) throw requestError('INVALID_TOKEN', 'the token carries no roles');
    const principal: Principal = {
      medewerker: payload.sub!,
      rollen,
      organisatie: typeof payload.org === 'string' ? payload.org : null,
      bsn: typeof payload.bsn === 'string' ? payload.bsn : null,
    };
    if (verified.size >= MAX_REMEMBERED) verified.delete(verified.keys().next().value!);
    verified.set(token, { principal, exp: payload.exp!, iat: payload.iat! });
    return principal;
  };
}

/** A short, safe reason (jose's codes), never the token itself. */
function describe(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED': return 'signature does not verify';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': return `claim ${(error as errors.JWTClaimValidationFailed).claim} is not accepted`;
    case 'ERR_JOSE_ALG_NOT_ALLOWED': return 'algorithm not allowed';
    case 'ERR_JWKS_NO_MATCHING_KEY': return 'no matching key';
    default: return 'malformed token';
  }
}
