import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { requestError } from './errors';

/**
 * What the gateway tells a subgraph about a request: who asks, under which activity version,
 * which categories it grants, and the trace. Signed by the gateway, for one subgraph, for a
 * minute: a subgraph refuses any request without it.
 */
export interface InternalContext {
  medewerker: string;
  rol: string;
  organisatie: string | null;
  /** The caller's own BSN (self-service role). */
  bsn: string | null;
  /** `id@versie` of the processing activity; the subgraph reads its grants from its own copy of the register. */
  activiteit: string;
  /** The gateway's `traceparent`: its span is the parent of the subgraph's. */
  traceparent: string;
}

export const INTERNAL_CONTEXT_HEADER = 'x-gateway-context';
const ISSUER = 'jongeren-federatie-gateway';
const TTL_SECONDS = 60;

/** The gateway holds the private key; subgraphs need only the public one. */
export interface InternalKeys { privateJwk?: JWK; publicJwk: JWK }

export async function generateInternalKeys(): Promise<Required<InternalKeys>> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateJwk: { ...(await exportJWK(privateKey)), alg: 'ES256' }, publicJwk: { ...(await exportJWK(publicKey)), alg: 'ES256' } };
}

export function createContextSigner(privateJwk: JWK): (audience: string, ctx: InternalContext) => Promise<string> {
  const key = importJWK(privateJwk, 'ES256');
  return async (audience, ctx) => new SignJWT({ ctx })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${TTL_SECONDS}s`)
    .sign(await key);
}

/** Verifies the header for `audience` (the subgraph's name); refuses with 401 GATEWAY_CONTEXT_REQUIRED. */
export function createContextVerifier(publicJwk: JWK, audience: string): (header: string | undefined) => Promise<InternalContext> {
  const key = importJWK(publicJwk, 'ES256');
  return async (header) => {
    if (!header) throw requestError('GATEWAY_CONTEXT_REQUIRED', 'subgraphs answer only requests from the gateway');
    try {
      const { payload } = await jwtVerify(header, await key, { issuer: ISSUER, audience, algorithms: ['ES256'], clockTolerance: 5 });
      return payload.ctx as InternalContext;
    } catch {
      throw requestError('GATEWAY_CONTEXT_REQUIRED', 'the gateway context is missing, expired, or meant for another subgraph');
    }
  };
}
