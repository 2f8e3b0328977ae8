import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { requestError } from '../errors';
import { memoryReplayCache, type ReplayCache } from './replay-cache';

/**
 * What the gateway tells a subgraph about a request: who asks, under which activity version,
 * the trace, and the deadline. MAC'd by the gateway for one subgraph and one request body, used
 * once, living seconds: a subgraph refuses any request without it.
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
  /** The caller's own `traceparent`, kept as a link (the audit trace is the layer's own). */
  aanroeper?: string | null;
  /** When the client's request budget runs out (epoch ms): sources are called only with what remains. */
  deadline: number;
}

export const INTERNAL_CONTEXT_HEADER = 'x-gateway-context';
const ISSUER = 'jongeren-federatie-gateway';
/** A context lives this long: enough to cross loopback or a cluster network, too short to reuse. */
export const CONTEXT_TTL_MS = 5_000;
/** Allowed clock difference between gateway and subgraph hosts. */
const SKEW_MS = 2_000;

/** base64url SHA-256 of the exact request body the context is bound to. */
export function bodyHash(body: string): string {
  return createHash('sha256').update(body).digest('base64url');
}

/**
 * Keys for the subgraph contexts. The gateway holds one master secret; each subgraph gets only
 * the key derived for its own name (HMAC-SHA256 of the name), so it can check contexts meant
 * for it but cannot forge one for another subgraph. The envelope is `payload.mac` (base64url
 * JSON with audience, expiry, a unique id, the body hash and the context; HMAC-SHA256 over it),
 * computed synchronously with node:crypto: microseconds per subgraph call.
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

/** Signs a context for `audience`, bound to the exact `body` the gateway is about to send. */
export type ContextSigner = (audience: string, ctx: InternalContext, body: string) => string;

export function createContextSigner(masterSecret: string, now: () => number = Date.now): ContextSigner {
  const keys = new Map<string, Uint8Array>();
  return (audience, ctx, body) => {
    let key = keys.get(audience);
    if (!key) keys.set(audience, (key = subgraphKey(masterSecret, audience)));
    const claims = { iss: ISSUER, aud: audience, exp: now() + CONTEXT_TTL_MS, jti: randomBytes(16).toString('base64url'), bh: bodyHash(body), ctx };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
  };
}

/** Checks a context for the request `body` it arrived with; refuses with 401 GATEWAY_CONTEXT_REQUIRED. */
export type ContextVerifier = (header: string | undefined, body: string) => Promise<InternalContext>;

/**
 * Verifies the header for `audience` (the subgraph's name) with its derived key: the MAC, the
 * audience, the expiry, the body hash, and that its id was never used before (`replays`).
 */
export function createContextVerifier(key: Uint8Array, audience: string, options: { now?: () => number; replays?: ReplayCache } = {}): ContextVerifier {
  const now = options.now ?? Date.now;
  const replays = options.replays ?? memoryReplayCache(now);
  const refuse = (why: string) => requestError('GATEWAY_CONTEXT_REQUIRED', `the gateway context was refused: ${why}`);
  return async (header, body) => {
    if (!header) throw requestError('GATEWAY_CONTEXT_REQUIRED', 'subgraphs answer only requests from the gateway');
    const [payload, mac, extra] = header.split('.');
    if (!payload || !mac || extra !== undefined) throw refuse('malformed');
    const expected = createHmac('sha256', key).update(payload).digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse('bad signature or meant for another subgraph');
    let claims: { iss: string; aud: string; exp: number; jti: string; bh: string; ctx: InternalContext };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw refuse('malformed');
    }
    if (claims.iss !== ISSUER || claims.aud !== audience) throw refuse('meant for another subgraph');
    const t = now();
    if (!(typeof claims.exp === 'number' && claims.exp + SKEW_MS > t && claims.exp - CONTEXT_TTL_MS - SKEW_MS <= t)) throw refuse('expired');
    if (claims.bh !== bodyHash(body)) throw refuse('it was issued for another request body');
    if (typeof claims.jti !== 'string' || !(await replays.claim(`${audience}:${claims.jti}`, claims.exp + SKEW_MS))) throw refuse('it was used before');
    return claims.ctx;
  };
}
