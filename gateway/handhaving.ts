import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RedisClientType } from 'redis';
import { isoDate, type Clock } from '../lib/domain/dates';
import type { ContextSigner, InternalContext } from '../lib/security/internal-context';
import { startTrace, toTraceparent, type TraceContext } from '../lib/observability/trace';
import type { CategoryMap } from '../policies/categories';
import type { Verklaringen } from '../policies/declaraties';
import { activiteitRef } from '../policies/register';
import type { Register } from '../policies/types';
import type { AuditStore } from '../stores/audit';
import type { Principal } from './auth/authenticate';
import { createRateLimiter, type RateLimits } from './limits/rate-limit';
import { ACTIVITY_HEADER, resolveToegang, type Toegang } from './policy/activity';
import { auditFailClosedStep, legalBasisStep, operationRequiredStep, type EnforcementMode, type PrePlanningStep } from './policy/enforce';
import { refusalAudit, vroegeWeigeringPlugin } from './policy/refusal-audit';
import { referentieCacheStep } from './policy/referentie-cache';

/** What the gateway keeps per client request. */
export interface RequestContext {
  toegang?: Toegang;
  trace?: TraceContext & { link?: string | null };
  deadline?: number;
  /** Bytes the subgraphs may still send for this request (the response-size limit, enforced while they stream in). */
  antwoordbudget?: { rest: number };
}

/** How the gateway enforces the register (the register's enforcement and its keys, stores and identity provider). */
export interface GatewaySecurity {
  /** Verifies the bearer token (Authorization header). */
  authenticate(authorization: string | undefined): Promise<Principal>;
  register: Register;
  categories: CategoryMap;
  /** Signs the short-lived context for one subgraph (audience = its name), bound to the call's body. */
  sign: ContextSigner;
  /** `filter` (default), `reject` or `dry-run`. */
  mode?: EnforcementMode;
  /** Where the gateway's own refusals are audited (the audit store and the pseudonym function). */
  audit?: { store: AuditStore; pseudonym(bsn: string): string };
}

/**
 * How the gateway enforces the register. One interface, chosen once at start: the register's
 * enforcement (`gatewayVolgensRegister`), or, for the enforcement benchmark only, none
 * (`benchmarkGatewayZonderHandhaving`). Nothing else in the gateway knows which one runs.
 */
export interface GatewayHandhaving {
  readonly naam: string;
  /** Who asks, under which activity, within which rate limit: refused here with 401, 403 or 429. */
  context(req: IncomingMessage): Promise<Pick<RequestContext, 'toegang' | 'trace'>>;
  /** The steps between validation and planning, in order. */
  stappen: PrePlanningStep[];
  /** What a subgraph call tells the subgraph (null: nothing), and the header that carries it for exactly this body. */
  claims(ctx: RequestContext, deadline: number): InternalContext | null;
  teken(subgraph: string, claims: InternalContext, body: string): string;
  plugins: ApolloServerPlugin<RequestContext>[];
  /** What `/readyz` checks besides the subgraphs. */
  checks: Record<string, () => Promise<void>>;
  /** Whether the CSV export and other pages that act for a caller are served. */
  readonly metPaginas: boolean;
}

export interface GatewayHandhavingOptions {
  clock: Clock;
  log: (line: string) => void;
  verklaringen: Verklaringen;
  rateLimits?: Partial<RateLimits>;
  redis?: RedisClientType | null;
}

const header = (req: IncomingMessage, name: string) => { const v = req.headers[name]; return Array.isArray(v) ? v[0] : v; };

/** The register's enforcement: authentication, the activity, rate limits, the legal-basis filter, signed contexts and the audit of refusals. */
export function gatewayVolgensRegister(security: GatewaySecurity, o: GatewayHandhavingOptions): GatewayHandhaving {
  const refusals = security.audit ? refusalAudit(security.audit.store, security.audit.pseudonym, o.log) : undefined;
  const rate = createRateLimiter(o.rateLimits, o.redis, o.verklaringen);
  return {
    naam: 'register',
    async context(req) {
      const principal = await security.authenticate(header(req, 'authorization'));
      const toegang = resolveToegang(security.register, principal, header(req, ACTIVITY_HEADER), isoDate(o.clock()));
      // Before anything is parsed: an employee or organisation whose budget is spent gets 429 at once.
      await rate.gate(toegang);
      return { toegang, trace: startTrace(header(req, 'traceparent')) };
    },
    stappen: [operationRequiredStep, auditFailClosedStep, referentieCacheStep(security.categories, security.register),
      legalBasisStep(security.categories, o.verklaringen, security.mode ?? 'filter', o.log, refusals)],
    claims({ toegang, trace }, deadline) {
      if (!toegang || !trace) return null;
      const p = toegang.principal;
      return { medewerker: p.medewerker, rol: toegang.rol, organisatie: p.organisatie, bsn: p.bsn, activiteit: activiteitRef(toegang.activiteit),
        traceparent: toTraceparent(trace), deadline, aanroeper: trace.link ?? null };
    },
    teken: (subgraph, claims, body) => security.sign(subgraph, claims, body),
    plugins: [rate.plugin, ...(security.audit ? [vroegeWeigeringPlugin(security.audit.store, security.audit.pseudonym, security.categories, o.log)] : [])],
    checks: security.audit ? { audit: () => security.audit!.store.ping() } : {},
    metPaginas: true,
  };
}

/**
 * FOR THE ENFORCEMENT BENCHMARK ONLY: no authentication, filter, signing, rate limits or audit.
 * Reachable from code only, never from configuration; it says so in the log at start.
 */
export function benchmarkGatewayZonderHandhaving(log: (line: string) => void): GatewayHandhaving {
  log('WARNING: gateway started WITHOUT enforcement (benchmark-only setting)');
  return {
    naam: 'benchmark-zonder-handhaving',
    context: async () => ({}),
    stappen: [operationRequiredStep],
    claims: () => null,
    teken: () => '',
    plugins: [],
    checks: {},
    metPaginas: false,
  };
}
