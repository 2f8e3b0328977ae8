import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { maskError } from '../lib/format-error';
import type { MutualTls } from '../lib/mtls';
import { readiness } from '../lib/readiness';
import { metricsPlugin } from '../lib/metrics-plugin';
import type { Metrics } from '../lib/metrics';
import { serveGraphQL } from '../lib/graphql-http';
import { INTERNAL_CONTEXT_HEADER, type InternalContext } from '../lib/internal-context';
import type { AuditStore } from '../stores/audit';
import { auditPlugin } from './policy/audit-plugin';
import { RequestPolicy, type PolicyDeps } from './policy/request-policy';
import { policyLayer, type KenmerkenLezer, type PolicyContext } from './policy/shield';
import { metFeiten } from './policy/feiten';
import { metBetrokkenen } from './betrokkenen';

/** One subgraph: its schema, its resolvers, and the per-request context they read. */
export interface SubgraphDefinition<C extends PolicyContext> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<C>;
  /**
   * Builds the request's own context: DataLoaders fresh per request, or per trace (one client
   * operation) where the gateway calls this subgraph more than once for it.
   */
  context(request: { traceId: string | null; deadline?: number }): Omit<C, 'beleid'> | Promise<Omit<C, 'beleid'>>;
  /** Reads the policy facts (residence, birth date, schools) of a Jongere this subgraph resolves; required when it has Jongere fields. */
  kenmerken?: KenmerkenLezer<C>;
  /** Work to do once at start-up (e.g. ingesting a feed, retried until it succeeds) and at shutdown. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Whether the subgraph can answer yet (for `/readyz`), with the reason when not. Default: ready. */
  readiness?(): { ready: boolean; reason?: string };
}

/**
 * How a subgraph enforces the register: it accepts only gateway-signed contexts, runs the
 * generated graphql-shield rules, and writes the audit log (failing closed).
 */
export interface SubgraphSecurity {
  /** Checks the gateway context against the exact request body it must be bound to. */
  verify(header: string | undefined, body: string): Promise<InternalContext>;
  policy: PolicyDeps;
  audit: AuditStore;
  pseudonym(bsn: string): string;
  log?: (line: string) => void;
}

/** For the enforcement benchmark only: serve without verification, rules or audit. Never configurable from outside code. */
export const BENCHMARK_ONLY_NO_ENFORCEMENT = Symbol('benchmark-only: no enforcement');

/** How much earlier than the gateway's deadline a subgraph gives up on its sources. */
const DEADLINE_MARGIN_MS = 250;

export type SchemaLayer = (schema: GraphQLSchema) => GraphQLSchema;

/**
 * A subgraph's schema: the shared header (federation links, @gegevenscategorie) in front of its
 * own `schema.graphql`, with the policy facts it owns or consumes added from their one home.
 */
export function subgraphTypeDefs(name: string): DocumentNode {
  const header = readFileSync(join(__dirname, 'header.graphql'), 'utf8');
  return metFeiten(name, metBetrokkenen(name, parse(`${header}\n${readFileSync(join(__dirname, name, 'schema.graphql'), 'utf8')}`)));
}

export interface RunningService { name: string; url: string; stop(graceMs?: number): Promise<void> }

export async function startSubgraph<C extends PolicyContext>(
  def: SubgraphDefinition<C>,
  options: {
    port?: number; host?: string; security: SubgraphSecurity | typeof BENCHMARK_ONLY_NO_ENFORCEMENT; tls?: MutualTls;
    /** Prometheus metrics of this process. */
    metrics?: Metrics;
    /** What `/readyz` checks besides the subgraph's own readiness (stores, source). */
    checks?: Record<string, () => Promise<void>>;
    /**
     * Wait for the start-up work (the first ingest) before listening. Default true; a separately
     * run subgraph listens at once and reports not-ready until its start-up work is done.
     */
    awaitStart?: boolean;
  },
): Promise<RunningService> {
  const security = options.security === BENCHMARK_ONLY_NO_ENFORCEMENT ? null : options.security;
  const base = buildSubgraphSchema({ typeDefs: def.typeDefs, resolvers: def.resolvers as GraphQLResolverMap<unknown> });
  const uitgezonderd = new Set(security?.policy.register.activiteiten.flatMap((a) => a.uitgezonderd) ?? []);
  const schema = security ? policyLayer(def.typeDefs, def.kenmerken, uitgezonderd)(base) : base;
  const plugins: ApolloServerPlugin<C>[] = [ApolloServerPluginInlineTraceDisabled()];
  if (security) plugins.push(auditPlugin(def.name, security.audit, security.pseudonym, security.log ?? console.error, options.metrics) as ApolloServerPlugin<C>);
  if (options.metrics) plugins.push(metricsPlugin(def.name, options.metrics) as ApolloServerPlugin<C>);
  const server = new ApolloServer<C>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted: GraphQLFormattedError, error: unknown) => maskError(def.name, formatted, error),
    plugins,
  });
  const starting = def.start?.();
  if (options.awaitStart ?? true) await starting;
  else starting?.catch((error) => (security?.log ?? console.error)(`${def.name}: start-up failed: ${(error as Error).message}`));
  const http = await serveGraphQL(server, {
    port: options.port ?? 0, host: options.host ?? '127.0.0.1', tls: options.tls,
    ops: { metrics: options.metrics, readiness: () => readiness({ ...options.checks, ...(def.readiness ? { [def.name]: async () => {
      const r = def.readiness!();
      if (!r.ready) throw new Error(r.reason ?? 'not ready');
    } } : {}) }) },
    context: async ({ req, body }) => {
      if (!security) return { ...(await def.context({ traceId: null })), beleid: null } as unknown as C;
      const header = req.headers[INTERNAL_CONTEXT_HEADER];
      const beleid = new RequestPolicy(security.policy, await security.verify(Array.isArray(header) ? header[0] : header, body));
      // Sources get the request's deadline less a margin, so the subgraph still answers (with
      // SOURCE_TIMEOUT for what its source did not deliver) before the gateway stops waiting.
      return { ...(await def.context({ traceId: beleid.trace.traceId, deadline: beleid.interne.deadline - DEADLINE_MARGIN_MS })), beleid } as C;
    },
  });
  return {
    name: def.name,
    url: http.url,
    async stop(graceMs?: number) {
      await http.stop(graceMs);
      await def.stop?.();
    },
  };
}
