import type { RunningSystem } from '../../system';
import { checkedInSupergraph } from '../../schema/compose';
import { buildSupergraphApiSdl } from './supergraph-api';

/** The client-facing (API) schema SDL of the running system's supergraph. */
export function printSchemaWithDirectives(_system: RunningSystem): string {
  return buildSupergraphApiSdl(checkedInSupergraph());
}
