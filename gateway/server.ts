import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import type { GraphQLFormattedError } from 'graphql';
import { AppError } from '../lib/errors';
import { maskError } from '../lib/format-error';
import type { SubgraphName } from '../schema/compose';

/**
 * A step that sees each operation after validation and before query planning, and may return
 * a changed request context. The legal-basis field filter is such a step: it removes fields
 * and must change `queryHash` with them, since the gateway caches query plans by that hash.
 */
export type PrePlanningStep = (ctx: GatewayGraphQLRequestContext) => GatewayGraphQLRequestContext | Promise<GatewayGraphQLRequestContext>;

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Where each subgraph listens, e.g. `{ basis: 'http://127.0.0.1:4001/' }`. Overrides the URLs in the supergraph. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Port to listen on; 0 picks a free one. Default 4000. */
  port?: number;
  /** Interface to bind; loopback by default. */
  host?: string;
  /** Steps run before query planning, in order. */
  prePlanning?: PrePlanningStep[];
  /** Operational log lines (an unreachable subgraph). Default: console.error. */
  log?: (line: string) => void;
}

/** Reports an unreachable subgraph with a stable code instead of the transport's message. */
class SubgraphDataSource extends RemoteGraphQLDataSource {
  constructor(private readonly name: string, url: string, private readonly log: (line: string) => void) {
    super({ url });
  }
  override didEncounterError(error: Error, _request: unknown, response?: unknown): void {
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
      const { executor } = await gateway.load(options);
      const inner = executor as GatewayExecutor;
      return {
        executor: async (ctx) => {
          let current = ctx;
          for (const step of steps) current = await step(current);
          return inner(current);
        },
      };
    },
  };
}

export async function startGateway(options: GatewayOptions): Promise<{ url: string; stop(): Promise<void> }> {
  for (const [name, url] of Object.entries(options.subgraphUrls)) {
    if (!/^https?:\/\//.test(url)) throw new TypeError(`subgraph URL for ${name} must be http(s); received ${JSON.stringify(url)}`);
  }
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => {
      const url = options.subgraphUrls[name as SubgraphName];
      if (!url) throw new Error(`no URL configured for subgraph ${name}`);
      return new SubgraphDataSource(name, url, options.log ?? console.error);
    },
  });
  const server = new ApolloServer({
    gateway: withPrePlanning(gateway, options.prePlanning ?? []),
    includeStacktraceInErrorResponses: false,
    formatError: (formatted: GraphQLFormattedError, error: unknown) => maskError('gateway', formatted, error),
  });
  const { url } = await startStandaloneServer(server, { listen: { port: options.port ?? 4000, host: options.host ?? '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
