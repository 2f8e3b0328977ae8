import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** The subgraphs in composition order, with the default local URL each one listens on. */
export const SUBGRAPHS = [
  { name: 'basis', port: 4001 },
  { name: 'onderwijs', port: 4002 },
  { name: 'doorstroom', port: 4003 },
  { name: 'participatie', port: 4004 },
  { name: 'zorg', port: 4005 },
] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const SUPERGRAPH_PATH = join(__dirname, 'supergraph.graphql');

/** Composes the subgraph schemas into the supergraph SDL, or throws with every composition error. */
export function composeSupergraph(): string {
  const result = composeServices(SUBGRAPHS.map(({ name, port }) => ({
    name,
    url: `http://127.0.0.1:${port}/`,
    typeDefs: parse(readFileSync(join(__dirname, '..', 'subgraphs', name, 'schema.graphql'), 'utf8')),
  })));
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

export function checkedInSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
