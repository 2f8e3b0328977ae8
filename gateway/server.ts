import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import type { GraphQLFormattedError } from 'graphql';
import { isoDate, type Clock } from '../lib/dates';
import { AppError, ErrorCodes, type ErrorCode } from '../lib/errors';
import { maskError } from '../lib/format-error';
import { serveGraphQL } from '../lib/graphql-http';
import { INTERNAL_CONTEXT_HEADER, type InternalContext } from '../lib/internal-context';
import { continueTrace, toTraceparent, type TraceContext } from '../lib/trace';
import type { CategoryMap } from '../policies/categories';
import type { Register } from '../policies/types';
import type { SubgraphName } from '../schema/compose';
import type { Principal } from './auth/authenticate';
import { ACTIVITY_HEADER, resolveToegang, type Toegang } from './policy/activity';
import { auditFailClosedStep, legalBasisStep, type EnforcementMode, type PrePlanningStep } from './policy/enforce';

/** How the gateway enforces the register. */
export interface GatewaySecurity {
  /** Verifies the bearer token (Authorization header). */
  authenticate(authorization: string | undefined): Promise<Principal>;
  register: Register;
  categories: CategoryMap;
  /** Signs the short-lived context for one subgraph (audience = its name). */
  sign(audience: string, ctx: InternalContext): Promise<string>;
  /** `filter` (default), `reject` or `dry-run`. */
  mode?: EnforcementMode;
}

/** For the enforcement benchmark only: no authentication, filter, signing or audit. Never configurable from outside code. */
export const GATEWAY_BENCHMARK_ONLY_NO_ENFORCEMENT = Symbol('benchmark-only: gateway without enforcement');

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Where each subgraph listens, e.g. `{ basis: 'http://127.0.0.1:4001/' }`. Overrides the URLs in the supergraph. */
  subgraphUrls: Record<SubgraphName, string>;
  security: GatewaySecurity | typeof GATEWAY_BENCHMARK_ONLY_NO_ENFORCEMENT;
  /** Today, for choosing the activity version in force. */
  clock: Clock;
  /** Port to listen on; 0 picks a free one. Default 4000. */
  port?: number;
  /** Interface to bind; loopback by default. */
  host?: string;
  /** Operational log lines. Default: console.error. */
  log?: (line: string) => void;
}

interface RequestContext { toegang?: Toegang; trace?: TraceContext }

/** Sends each subgraph the signed context and the trace; reports an unreachable subgraph with a stable code. */
class SubgraphDataSource extends RemoteGraphQLDataSource<RequestContext> {
  constructor(private readonly name: string, url: string, private readonly sign: GatewaySecurity['sign'] | null, private readonly log: (line: string) => void) {
    super({ url });
  }
  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RequestContext>): Promise<void> {
    const { toegang, trace } = context as RequestContext;
    if (!this.sign || !toegang || !trace) return;
    const p = toegang.principal;
    request.http!.headers.set('traceparent', toTraceparent(trace));
    request.http!.headers.set(INTERNAL_CONTEXT_HEADER, await this.sign(this.name, {
      medewerker: p.medewerker, rol: toegang.rol, organisatie: p.organisatie, bsn: p.bsn,
      activiteit: `${toegang.activiteit.id}@${toegang.activiteit.versie}`, traceparent: toTraceparent(trace),
    }));
  }
  override didEncounterError(error: Error, _request: unknown, response?: unknown): void {
    // A subgraph that refused with one of our codes (AUDIT_UNAVAILABLE, 503) keeps that code.
    const first = (error as { extensions?: { response?: { body?: { errors?: { message?: string; extensions?: { code?: string } }[] } } } })
      .extensions?.response?.body?.errors?.[0];
    const code = first?.extensions?.code;
    if (code && code in ErrorCodes && code !== 'INTERNAL_SERVER_ERROR') throw new AppError(code as ErrorCode, first!.message ?? code, { service: this.name });
    if (response) throw error;
    this.log(`gateway: subgraph ${this.name} unreachable: ${error.message}`);
    throw new AppError('SUBGRAPH_UNAVAILABLE', `subgraph ${this.name} is unavailable`, { service: this.name });
  }
}

/** Wraps the gateway so every operation passes the pre-planning steps first. */
function withPrePlanning(gateway: ApolloGateway, steps: PrePlanningStep[]): GatewayInterface {
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
          let result = await inner(current);
          for (const after of afters.reverse()) result = after(result);
          return result;
        },
      };
    },
  };
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
  const log = options.log ?? console.error;
  const security = options.security === GATEWAY_BENCHMARK_ONLY_NO_ENFORCEMENT ? null : options.security;
  if (!security) log('WARNING: gateway started WITHOUT enforcement (benchmark-only setting)');
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const url = options.subgraphUrls[name as SubgraphName];
      if (!url) throw new Error(`no URL configured for subgraph ${name}`);
      return new SubgraphDataSource(name, url, security?.sign ?? null, log);
    },
  });
  const steps = security ? [auditFailClosedStep, legalBasisStep(security.categories, security.mode ?? 'filter', log)] : [];
  const server = new ApolloServer<RequestContext>({
    gateway: withPrePlanning(gateway, steps),
    includeStacktraceInErrorResponses: false,
    formatError: (formatted: GraphQLFormattedError, error: unknown) => maskError('gateway', formatted, error),
    plugins: [traceHeaderPlugin],
  });
  const http = await serveGraphQL(server, {
    port: options.port ?? 4000, host: options.host ?? '127.0.0.1',
    context: async ({ req }) => {
      if (!security) return {};
      const header = (name: string) => { const v = req.headers[name]; return Array.isArray(v) ? v[0] : v; };
      const principal = await security.authenticate(header('authorization'));
      const toegang = resolveToegang(security.register, principal, header(ACTIVITY_HEADER), isoDate(options.clock()));
      return { toegang, trace: continueTrace(header('traceparent')) };
    },
  });
  return http;
}

