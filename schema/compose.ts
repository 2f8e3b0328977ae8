import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { categoryMap } from '../policies/categories';
import { problemen } from '../policies/declaraties';
import { subgraphTypeDefs } from '../subgraphs/runtime';
import { loadRegister } from '../policies/register';

/** The subgraphs in composition order, with the default local URL each one listens on. */
export const SUBGRAPHS = [
  { name: 'basis', port: 4001 },
  { name: 'onderwijs', port: 4002 },
  { name: 'doorstroom', port: 4003 },
  { name: 'participatie', port: 4004 },
  { name: 'zorg', port: 4005 },
  { name: 'inzage', port: 4006 },
  { name: 'toestemming', port: 4007 },
  { name: 'monitor', port: 4008 },
] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export const SUPERGRAPH_PATH = join(__dirname, 'supergraph.graphql');

/**
 * Composes the subgraph schemas into the supergraph SDL, or throws with every composition error.
 * Composition also fails when a field has no data category or one the register does not know,
 * when an entry point, mutation or field with arguments declares no policy, when a derived field's
 * sources do not exist with the categories it names, and when a reference list has no size.
 */
export function composeSupergraph(): string {
  const result = composeServices(SUBGRAPHS.map(({ name, port }) => ({
    name,
    url: `http://127.0.0.1:${port}/`,
    typeDefs: subgraphTypeDefs(name),
  })));
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  const categories = categoryMap(result.supergraphSdl);
  const known = loadRegister().categorieen;
  const openbaar = new Set([...known.values()].filter((c) => c.openbaar).map((c) => c.id));
  const problems = [...categories.problems, ...[...categories.used()].filter((c) => !known.has(c)).map((c) => `category "${c}" is not in the register`),
    ...problemen(result.supergraphSdl, openbaar)];
  if (problems.length) throw new Error(`composition failed:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  return result.supergraphSdl;
}

export function checkedInSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
