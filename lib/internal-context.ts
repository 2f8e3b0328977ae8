import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { requestError } from './errors';

/**
 * What the gateway tells a subgraph about a request: who asks, under which activity version,
 * and the trace. Signed by the gateway, for one subgraph, for a minute: a subgraph refuses any
 * request without it.
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

/**
 * Keys for the subgraph contexts. The gateway holds one master secret; each subgraph gets only
 * the key derived for its own name (HMAC-SHA256 of the name), so it can check contexts meant
 * for it but cannot forge one for another subgraph. The envelope is `payload.mac` (base64url
 * JSON with audience, expiry and context; HMAC-SHA256 over it), computed synchronously with
 * node:crypto: microseconds per subgraph call, where a signed JWT through WebCrypto cost a
 * measurable share of each request (docs/performance.md).
 */
export function generateMasterSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function subgraphKey(masterSecret: string, subgraph: string): Uint8Array {
  if (typeof masterSecret !== 'string' || masterSecret.length < 32) {
    throw new RangeError(`the internal context secret must be at least 32 characters; received ${masterSecret?.length ?? 0}`);
  }
  return createHmac('sha256', masterSecret).update(`internal-context:${subgraph}`).digest();
}

export function createContextSigner(masterSecret: string, now: () => number = Date.now): (audience: string, ctx: InternalContext) => Promise<string> {
  const keys = new Map<string, Uint8Array>();
  return async (audience, ctx) => {
    let key = keys.get(audience);
    if (!key) keys.set(audience, (key = subgraphKey(masterSecret, audience)));
    const payload = Buffer.from(JSON.stringify({ iss: ISSUER, aud: audience, exp: Math.floor(now() / 1000) + TTL_SECONDS, ctx })).toString('base64url');
    return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
  };
}

/** Verifies the header for `audience` (the subgraph's name) with its derived key; refuses with 401 GATEWAY_CONTEXT_REQUIRED. */
export function createContextVerifier(key: Uint8Array, audience: string, now: () => number = Date.now): (header: string | undefined) => Promise<InternalContext> {
  const refuse = () => requestError('GATEWAY_CONTEXT_REQUIRED', 'the gateway context is missing, expired, or meant for another subgraph');
  return async (header) => {
    if (!header) throw requestError('GATEWAY_CONTEXT_REQUIRED', 'subgraphs answer only requests from the gateway');
    const [payload, mac, extra] = header.split('.');
    if (!payload || !mac || extra !== undefined) throw refuse();
    const expected = createHmac('sha256', key).update(payload).digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse();
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss: string; aud: string; exp: number; ctx: InternalContext };
    if (claims.iss !== ISSUER || claims.aud !== audience || !(claims.exp + 5 > now() / 1000)) throw refuse();
    return claims.ctx;
  };
}
