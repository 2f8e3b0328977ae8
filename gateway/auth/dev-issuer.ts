import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

export const DEV_ISSUER = 'urn:jongeren-federatie:dev-issuer';
export const DEFAULT_AUDIENCE = 'jongeren-federatie';

/** Claims of a token: employee (sub), roles, organisation (gemeente code or school BRIN), own BSN for the self-service role. */
export interface TokenClaims { sub: string; roles: string[]; org?: string; bsn?: string }

/**
 * A local OpenID-style issuer for development, demos and tests: an ES256 key pair, kept in a
 * file so that `npm run token` and `npm start` agree. Never use it in production; configure the
 * municipality's identity provider (OIDC_ISSUER, OIDC_JWKS_URL) instead.
 */
export class DevIssuer {
  private constructor(private readonly privateJwk: JWK, readonly publicJwk: JWK) {}

  static async create(keyFile?: string): Promise<DevIssuer> {
    if (keyFile && existsSync(keyFile)) {
      const { privateJwk, publicJwk } = JSON.parse(readFileSync(keyFile, 'utf8'));
      return new DevIssuer(privateJwk, publicJwk);
    }
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `dev-${Date.now().toString(36)}`;
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify({ privateJwk, publicJwk }), { mode: 0o600 });
    }
    return new DevIssuer(privateJwk, publicJwk);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  /** Signs a token valid for `ttlSeconds` (default 8 hours). `now` is for tests of expiry. */
  async sign(claims: TokenClaims, options: { ttlSeconds?: number; audience?: string; now?: Date } = {}): Promise<string> {
    const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
    return new SignJWT({ roles: claims.roles, ...(claims.org ? { org: claims.org } : {}), ...(claims.bsn ? { bsn: claims.bsn } : {}) })
      .setProtectedHeader({ alg: 'ES256', kid: this.privateJwk.kid, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(DEV_ISSUER)
      .setAudience(options.audience ?? DEFAULT_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.ttlSeconds ?? 8 * 3600))
      .sign(await importJWK(this.privateJwk, 'ES256'));
  }
}
