import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';

/** The API schema of a supergraph (what clients see: no join directives, no @inaccessible fields). */
export function buildSupergraphApiSdl(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
}
