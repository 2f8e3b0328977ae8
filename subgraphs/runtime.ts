import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { maskError } from '../lib/observability/format-error';
import type { MutualTls } from '../lib/http/mtls';
import { readiness } from '../lib/http/readiness';
import { metricsPlugin } from '../lib/observability/metrics-plugin';
import type { Metrics } from '../lib/observability/metrics';
import { MAX_BODY_SUBGRAPH, serveGraphQL } from '../lib/http/graphql-http';
import { INTERNAL_CONTEXT_HEADER } from '../lib/security/internal-context';
import type { KenmerkenLezer, PolicyContext } from './policy/shield';
import type { BereikFeiten } from './policy/guards';
import type { SubgraphHandhaving } from './policy/handhaving';
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
  /** The facts its entry points' scope rules need (`@beleid(bereik)`): the BRP, the person's schools, a programme's region. */
  feiten?: BereikFeiten<C>;
  /** Work to do once at start-up (e.g. ingesting a feed, retried until it succeeds) and at shutdown. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Whether the subgraph can answer yet (for `/readyz`), with the reason when not. Default: ready. */
  readiness?(): { ready: boolean; reason?: string };
}

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
    port?: number; host?: string;
    /** How the register is enforced (subgraphs/policy/handhaving.ts). */
    handhaving: SubgraphHandhaving;
    tls?: MutualTls;
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
  const { handhaving } = options;
  const base = buildSubgraphSchema({ typeDefs: def.typeDefs, resolvers: def.resolvers as GraphQLResolverMap<unknown> });
  const schema = handhaving.schema(def, base);
  const plugins: ApolloServerPlugin<C>[] = [ApolloServerPluginInlineTraceDisabled(), ...(handhaving.plugins(def.name, options.metrics) as ApolloServerPlugin<C>[])];
  if (options.metrics) plugins.push(metricsPlugin(def.name, options.metrics) as ApolloServerPlugin<C>);
  const server = new ApolloServer<C>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted: GraphQLFormattedError, error: unknown) => maskError(def.name, formatted, error),
    plugins,
  });
  const starting = def.start?.();
  if (options.awaitStart ?? true) await starting;
  else starting?.catch((error) => handhaving.log(`${def.name}: start-up failed: ${(error as Error).message}`));
  const http = await serveGraphQL(server, {
    port: options.port ?? 0, host: options.host ?? '127.0.0.1', tls: options.tls, maxBodyBytes: MAX_BODY_SUBGRAPH,
    ops: { metrics: options.metrics, readiness: () => readiness({ ...options.checks, ...(def.readiness ? { [def.name]: async () => {
      const r = def.readiness!();
      if (!r.ready) throw new Error(r.reason ?? 'not ready');
    } } : {}) }) },
    context: async ({ req, body }) => {
      const header = req.headers[INTERNAL_CONTEXT_HEADER];
      const beleid = await handhaving.beleid(Array.isArray(header) ? header[0] : header, body);
      // Sources get the request's deadline less a margin, so the subgraph still answers (with
      // SOURCE_TIMEOUT for what its source did not deliver) before the gateway stops waiting.
      return { ...(await def.context({ traceId: beleid.interne.traceparent ? beleid.trace.traceId : null, deadline: beleid.interne.deadline - DEADLINE_MARGIN_MS })), beleid } as C;
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
