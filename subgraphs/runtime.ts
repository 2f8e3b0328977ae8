import { readFileSync } from 'node:fs';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { maskError } from '../lib/format-error';

/** One subgraph: its schema, its resolvers, and the per-request context they read. */
export interface SubgraphDefinition<C extends object> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<C>;
  /** Builds the context of one request (fresh DataLoaders, so batching never leaks across requests). */
  context(): C | Promise<C>;
  /** Work to do once at start-up (e.g. ingesting a feed) and at shutdown. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/**
 * Wraps the executable schema before it is served. This is where the policy layer
 * (graphql-shield rules generated from the register of processing activities) plugs in.
 */
export type SchemaLayer = (schema: GraphQLSchema) => GraphQLSchema;

export function loadTypeDefs(path: string): DocumentNode {
  return parse(readFileSync(path, 'utf8'));
}

export interface RunningService { name: string; url: string; stop(): Promise<void> }

export async function startSubgraph<C extends object>(
  def: SubgraphDefinition<C>,
  options: { port?: number; host?: string; layers?: SchemaLayer[]; plugins?: ApolloServerPlugin[] } = {},
): Promise<RunningService> {
  const schema = (options.layers ?? []).reduce((s, layer) => layer(s), buildSubgraphSchema({ typeDefs: def.typeDefs, resolvers: def.resolvers as GraphQLResolverMap<unknown> }));
  const server = new ApolloServer<C>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted: GraphQLFormattedError, error: unknown) => maskError(def.name, formatted, error),
    // Inline traces would hand resolver timings to any caller; this product reports no usage to Apollo.
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...(options.plugins ?? [])],
  });
  await def.start?.();
  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port ?? 0, host: options.host ?? '127.0.0.1' },
    context: async () => def.context(),
  });
  return {
    name: def.name,
    url,
    async stop() {
      await server.stop();
      await def.stop?.();
    },
  };
}
