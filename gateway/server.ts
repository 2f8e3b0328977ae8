import type { IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayExecutionResult, GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import type { GraphQLFormattedError } from 'graphql';
import type { Clock } from '../lib/domain/dates';
import { AppError, ErrorCodes, type ErrorCode } from '../lib/errors';
import { maskError } from '../lib/observability/format-error';
import { serveGraphQL } from '../lib/http/graphql-http';
import { paginas, type PaginaOptions } from './pages/pages';
import { csvExport } from './pages/export';
import { internePadenPlugin } from './policy/interne-paden';
import { INTERNAL_CONTEXT_HEADER, type InternalContext } from '../lib/security/internal-context';
import { toTraceparent } from '../lib/observability/trace';
import { leesVerklaringen } from '../policies/declaraties';
import type { SubgraphName } from '../schema/compose';
import type { RedisClientType } from 'redis';
import { Agent, fetch as undiciFetch } from 'undici';
import type { MutualTls } from '../lib/http/mtls';
import type { Metrics } from '../lib/observability/metrics';
import { metricsPlugin } from '../lib/observability/metrics-plugin';
import { readiness } from '../lib/http/readiness';
import { veiligeLog } from '../lib/observability/veilig-log';
import type { RateLimits } from './limits/rate-limit';
import { limitRefusal, limitRules, responseSizePlugin, validateQueryLimits, type QueryLimits } from './limits/query-limits';
import { binnenBudget } from './limits/antwoordbudget';
import type { PrePlanningStep } from './policy/enforce';
import { gatewayVolgensRegister, type GatewayHandhaving, type GatewaySecurity, type RequestContext } from './handhaving';

export type { GatewaySecurity } from './handhaving';

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Where each subgraph listens, e.g. `{ basis: 'http://127.0.0.1:4001/' }`. Overrides the URLs in the supergraph. */
  subgraphUrls: Record<SubgraphName, string>;
  /**
   * How the register is enforced: the register's security (keys, stores, identity provider), or
   * an enforcement object made elsewhere (`benchmarkGatewayZonderHandhaving` for the benchmark).
   */
  security: GatewaySecurity | GatewayHandhaving;
  /** Today, for choosing the activity version in force. */
  clock: Clock;
  /** The Jongerenloket (`/loket`) and monitor (`/monitor`) pages (gateway/pages/pages.ts); absent: no pages. */
  paginas?: Omit<PaginaOptions, 'routes'>;
  /** Port to listen on; 0 picks a free one. Default 4000. */
  port?: number;
  /** Interface to bind; loopback by default. */
  host?: string;
  /** Operational log lines. Default: console.error. */
  log?: (line: string) => void;
  /**
   * Total time budget of one client request (ms), from arrival to answer. Every subgraph call,
   * and every source call behind it, gets only what remains; a subgraph that is late costs its
   * own fields (SUBGRAPH_TIMEOUT). Default 10000. Example: 3000 for an interactive front-end.
   */
  requestTimeoutMs?: number;
  /** Wall-clock milliseconds for deadlines (not the business date). Default Date.now. */
  now?: () => number;
  /** Depth, alias, directive, token, cost and response-size limits, and introspection (DEFAULT_QUERY_LIMITS). */
  limits?: Partial<QueryLimits>;
  /** Prometheus metrics of this process (`/metrics`). */
  metrics?: Metrics;
  /** Origins a browser may call the gateway from (CORS); default none: same-origin only. */
  corsOrigins?: string[];
  /** Mutual TLS towards the subgraphs (their URLs are https): the gateway's key, certificate and the CA. */
  tls?: MutualTls;
  /** Budgets per employee and per organisation (DEFAULT_RATE_LIMITS). */
  rateLimits?: Partial<RateLimits>;
  /** Redis, shared by replicas, for rate limits (and later caches); absent: this process's memory. */
  redis?: RedisClientType | null;
}


/** How the gateway reaches its subgraphs: plain fetch, or undici's over an agent that presents the gateway's certificate (mutual TLS). */
type SubgraphFetch = (url: string, init: RequestInit) => Promise<Response>;

function subgraphTransport(tls: MutualTls | undefined): SubgraphFetch {
  if (!tls) return (url, init) => fetch(url, init);
  const dispatcher = new Agent({ connect: { key: tls.key, cert: tls.cert, ca: tls.ca } });
  return async (url, init) => (await undiciFetch(url, { ...init, dispatcher } as never)) as unknown as Response;
}

/**
 * Internal header that carries a call's unsigned context from willSendRequest to the fetcher;
 * never sent. Base64url, so any Unicode in a claim (an employee id with `€`) is a legal header value.
 */
const CLAIMS_HEADER = 'x-jf-claims';

/**
 * Sends each subgraph a context MAC'd over the exact body of that call (single use, seconds to
 * live) and the trace; bounds the call by what remains of the client's budget; reports an
 * unreachable or late subgraph with a stable code.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<RequestContext> {
  /** Byte budgets of requests in flight, by the id this data source gave the call (never sent). */
  private readonly budgets = new Map<string, { rest: number }>();
  constructor(private readonly name: string, url: string, private readonly handhaving: GatewayHandhaving, private readonly log: (line: string) => void,
    private readonly now: () => number, private readonly transport: SubgraphFetch, private readonly metrics?: Metrics) {
    super({ url });
    this.fetcher = ((input: string, init: { headers: Record<string, string>; body: string; method: string }) => this.send(input, init)) as never;
  }
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RequestContext>): void {
    const ctx = context as RequestContext;
    if (ctx.trace) request.http!.headers.set('traceparent', toTraceparent(ctx.trace));
    const deadline = ctx.deadline ?? this.now() + 30_000;
    const claims = this.handhaving.claims(ctx, deadline);
    request.http!.headers.set(CLAIMS_HEADER, Buffer.from(JSON.stringify({ claims, deadline, budget: this.budgetId(ctx) })).toString('base64url'));
  }
  private budgetId(ctx: RequestContext): string | null {
    if (!ctx.antwoordbudget) return null;
    const id = Math.random().toString(36).slice(2);
    this.budgets.set(id, ctx.antwoordbudget);
    return id;
  }
  private async send(url: string, init: { headers: Record<string, string>; body: string; method: string }): Promise<Response> {
    const headers = { ...init.headers };
    const raw = headers[CLAIMS_HEADER];
    delete headers[CLAIMS_HEADER];
    const { claims, deadline, budget: budgetId } = raw ? JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { claims: InternalContext | null; deadline: number; budget: string | null }
      : { claims: null, deadline: this.now() + 30_000, budget: null };
    const budget = budgetId ? this.budgets.get(budgetId) : undefined;
    if (budgetId) this.budgets.delete(budgetId);
    if (claims) headers[INTERNAL_CONTEXT_HEADER] = this.handhaving.teken(this.name, claims, init.body);
    const remaining = deadline - this.now();
    if (remaining <= 0) throw Object.assign(new Error('no budget left'), { name: 'TimeoutError' });
    const signal = AbortSignal.timeout(remaining);
    const timer = this.metrics?.subgraphSeconds.startTimer({ subgraph: this.name });
    try {
      const response = await this.transport(url, { method: init.method, headers, body: init.body, signal });
      timer?.({ outcome: response.ok ? 'ok' : `http_${response.status}` });
      return budget ? await binnenBudget(response, budget, this.name) : response;
    } catch (error) {
      if (!(error instanceof AppError)) timer?.({ outcome: (error as Error).name === 'TimeoutError' ? 'timeout' : 'unreachable' });
      throw error;
    }
  }
  override didEncounterError(error: Error, _request: unknown, response?: unknown): void {
    if (error instanceof AppError) throw error;
    // A subgraph that refused with one of our codes (AUDIT_UNAVAILABLE, 503) keeps that code.
    const first = (error as { extensions?: { response?: { body?: { errors?: { message?: string; extensions?: { code?: string } }[] } } } })
      .extensions?.response?.body?.errors?.[0];
    const code = first?.extensions?.code;
    if (code && code in ErrorCodes && code !== 'INTERNAL_SERVER_ERROR') throw new AppError(code as ErrorCode, first!.message ?? code, { service: this.name });
    if (response) throw error;
    if (error.name === 'TimeoutError' || error.name === 'AbortError') {
      this.log(`gateway: subgraph ${this.name} did not answer within the request budget`);
      throw new AppError('SUBGRAPH_TIMEOUT', `subgraph ${this.name} did not answer within the request's time budget`, { service: this.name });
    }
    this.log(`gateway: subgraph ${this.name} unreachable: ${error.message}`);
    throw new AppError('SUBGRAPH_UNAVAILABLE', `subgraph ${this.name} is unavailable`, { service: this.name });
  }
}

/** Wraps the gateway so every operation passes the pre-planning steps first. */
function withPrePlanning(gateway: ApolloGateway, steps: PrePlanningStep[], now: () => number): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (cb) => gateway.onSchemaLoadOrUpdate(cb),
    stop: () => gateway.stop(),
    async load(options) {
      const inner = (await gateway.load(options)).executor as GatewayExecutor;
      return {
        executor: async (ctx) => {
          const afters = [];
          let current = ctx;
          for (const step of steps) {
            const r = await step(current);
            if (r.answer) return r.answer;
            current = r.ctx;
            if (r.after) afters.push(r.after);
          }
          let result = await withinBudget(inner(current), (current.context as RequestContext).deadline, now, current);
          for (const after of afters.reverse()) result = after(result);
          return result;
        },
      };
    },
  };
}

/**
 * A backstop for the request's budget: every subgraph call is already bounded by it, so this
 * fires only when planning or merging itself runs late; the answer is then GATEWAY_TIMEOUT (504).
 */
async function withinBudget(execution: Promise<GatewayExecutionResult>, deadline: number | undefined, now: () => number,
  ctx: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> {
  if (deadline === undefined) return execution;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<GatewayExecutionResult>((resolve) => {
    timer = setTimeout(() => {
      if (ctx.response?.http) ctx.response.http.status = 504;
      resolve({ data: null, errors: [new AppError('GATEWAY_TIMEOUT', 'the request did not complete within its time budget')] });
    }, Math.max(0, deadline - now()) + 1_000);
  });
  try {
    return await Promise.race([execution, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Returns the trace id to the client, so a response can be matched to its audit records. */
const traceHeaderPlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (contextValue.trace) response.http.headers.set('traceparent', toTraceparent(contextValue.trace));
      },
    };
  },
};

export async function startGateway(options: GatewayOptions): Promise<{ url: string; stop(): Promise<void> }> {
  for (const [name, url] of Object.entries(options.subgraphUrls)) {
    if (!/^https?:\/\//.test(url)) throw new TypeError(`subgraph URL for ${name} must be http(s); received ${JSON.stringify(url)}`);
  }
  const log = veiligeLog(options.log ?? console.error);
  const now = options.now ?? Date.now;
  const budget = options.requestTimeoutMs ?? 10_000;
  if (!Number.isInteger(budget) || budget < 100 || budget > 600_000) throw new RangeError(`requestTimeoutMs must be an integer from 100 to 600000; received ${options.requestTimeoutMs}`);
  const verklaringen = leesVerklaringen(options.supergraphSdl);
  const limits = validateQueryLimits(options.limits);
  const handhaving: GatewayHandhaving = 'context' in options.security ? options.security
    : gatewayVolgensRegister(options.security, { clock: options.clock, log, verklaringen, rateLimits: options.rateLimits, redis: options.redis });
  const transport = subgraphTransport(options.tls);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const url = options.subgraphUrls[name as SubgraphName];
      if (!url) throw new Error(`no URL configured for subgraph ${name}`);
      return new SubgraphDataSource(name, url, handhaving, log, now, transport, options.metrics);
    },
  });
  const server = new ApolloServer<RequestContext>({
    gateway: withPrePlanning(gateway, handhaving.stappen, now),
    includeStacktraceInErrorResponses: false,
    introspection: limits.introspection,
    validationRules: limitRules(limits, (type, field) => verklaringen.velden.get(`${type}.${field}`)?.lijstgrootte),
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: (formatted: GraphQLFormattedError, error: unknown) => {
      const limit = limitRefusal(formatted, error);
      if (limit) return { ...limit, extensions: { limit: limits.maxTokens, ...limit.extensions } };
      return maskError('gateway', formatted, error);
    },
    plugins: [traceHeaderPlugin, internePadenPlugin, responseSizePlugin(limits.maxResponseBytes), ...handhaving.plugins, ...(options.metrics ? [metricsPlugin('gateway', options.metrics)] : [])],
  });
  // Ready when the audit store takes writes and every subgraph says it is ready.
  const subgraphReady = (name: string, url: string) => async () => {
    const res = await transport(new URL('readyz', url).href, { signal: AbortSignal.timeout(1500) });
    if (!res.ok) throw new Error(`subgraph ${name} is not ready`);
  };
  const checks: Record<string, () => Promise<void>> = { ...Object.fromEntries(Object.entries(options.subgraphUrls).map(([n, u]) => [`subgraph ${n}`, subgraphReady(n, u)])), ...handhaving.checks };
  const context = async (req: IncomingMessage): Promise<RequestContext> => ({
    ...(await handhaving.context(req)), deadline: now() + budget, antwoordbudget: { rest: limits.maxResponseBytes },
  });
  // The CSV export runs the same operation through this very server: same checks, same plan, same subgraphs.
  const exporteer = handhaving.metPaginas ? csvExport({
    audit: 'context' in options.security ? undefined : options.security.audit?.store, log,
    uitvoeren: async (req, query, variables) => {
      const contextValue = await context(req);
      const response = await server.executeOperation({ query, variables }, { contextValue });
      const result = response.body.kind === 'single' ? response.body.singleResult : { data: null, errors: [{ message: 'incremental delivery is not supported', extensions: { code: 'BAD_REQUEST' } }] };
      return { toegang: contextValue.toegang!, data: result.data as Record<string, unknown> | null, errors: result.errors };
    },
  }) : undefined;
  const http = await serveGraphQL(server, {
    port: options.port ?? 4000, host: options.host ?? '127.0.0.1',
    ops: { metrics: options.metrics, corsOrigins: options.corsOrigins, readiness: () => readiness(checks), pages: options.paginas ? paginas({ ...options.paginas, routes: exporteer }) : undefined },
    context: ({ req }) => context(req),
  });
  return http;
}

