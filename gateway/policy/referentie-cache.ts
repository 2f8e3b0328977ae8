import { createHash } from 'node:crypto';
import type { GatewayExecutionResult } from '@apollo/server-gateway-interface';
import { getNamedType, isObjectType, Kind, print, type GraphQLCompositeType, type GraphQLSchema, type SelectionSetNode, type FragmentDefinitionNode } from 'graphql';
import type { CategoryMap } from '../../policies/categories';
import type { Register } from '../../policies/types';
import type { PrePlanningStep } from './enforce';

/** How much public reference data one gateway keeps, and how long. Every option is validated at construction. */
export interface ReferentieCacheOpties {
  /** Total bytes of cached answers (JSON). Default 32 MiB. */
  maxBytes: number;
  /** How long an answer is reused (ms). Default 300000: municipalities and regions change once a year, the published periods once a month. */
  ttlMs: number;
  now: () => number;
}

/**
 * Whether every field an operation selects is public reference data (a category the register
 * marks `openbaar`): only such answers are the same for every caller, whatever their activity.
 */
export function alleenOpenbaar(schema: GraphQLSchema, selection: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, categories: CategoryMap,
  openbaar: ReadonlySet<string>, parent: GraphQLCompositeType, inherited?: string): boolean {
  for (const sel of selection.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      if (!isObjectType(parent)) return false;
      const def = parent.getFields()[sel.name.value];
      if (!def) return false;
      const categorie = categories.of(parent.name, sel.name.value) ?? inherited;
      if (!categorie || !openbaar.has(categorie)) return false;
      if (sel.selectionSet && !alleenOpenbaar(schema, sel.selectionSet, fragments, categories, openbaar, getNamedType(def.type) as GraphQLCompositeType, categorie)) return false;
    } else {
      const f = sel.kind === Kind.FRAGMENT_SPREAD ? fragments.get(sel.name.value) : sel;
      if (!f) return false;
      const type = f.typeCondition ? (schema.getType(f.typeCondition.name.value) as GraphQLCompositeType) : parent;
      if (!alleenOpenbaar(schema, f.selectionSet, fragments, categories, openbaar, type, inherited)) return false;
    }
  }
  return true;
}

/**
 * Reference data (municipalities, regions, the published periods) is the same for everyone and
 * changes rarely: a query that selects nothing else is answered from this gateway's memory after
 * its first execution, so clients asking the heaviest reference query the limits allow cost
 * little beyond their first call. Nothing personal is ever cached: one non-public field anywhere
 * in the operation and it runs as usual.
 */
export function referentieCacheStep(categories: CategoryMap, register: Register, gegeven: Partial<ReferentieCacheOpties> = {}): PrePlanningStep {
  const o: ReferentieCacheOpties = { maxBytes: 32 * 1024 * 1024, ttlMs: 300_000, now: Date.now, ...gegeven };
  for (const key of ['maxBytes', 'ttlMs'] as const) if (!Number.isInteger(o[key]) || o[key] < 1) throw new RangeError(`reference cache ${key} must be a positive integer; received ${gegeven[key]}`);
  const openbaar = new Set([...register.categorieen.values()].filter((c) => c.openbaar).map((c) => c.id));
  const cache = new Map<string, { json: string; tot: number }>();
  let bytes = 0;
  const bewaar = (key: string, json: string) => {
    if (json.length > o.maxBytes / 4) return;
    cache.set(key, { json, tot: o.now() + o.ttlMs });
    bytes += json.length;
    // Oldest first out (Map keeps insertion order; a hit re-inserts).
    for (const [k, v] of cache) { if (bytes <= o.maxBytes) break; cache.delete(k); bytes -= v.json.length; }
  };
  return (ctx) => {
    const operation = ctx.operation!;
    const root = operation.operation === 'query' ? ctx.schema.getQueryType() : null;
    if (!root) return { ctx };
    const fragments = new Map(ctx.document!.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    if (!alleenOpenbaar(ctx.schema, operation.selectionSet, fragments, categories, openbaar, root)) return { ctx };
    const key = createHash('sha256').update(JSON.stringify([print(ctx.document!), ctx.operationName ?? null, ctx.request.variables ?? {}])).digest('hex');
    const hit = cache.get(key);
    if (hit && hit.tot > o.now()) {
      cache.delete(key);
      cache.set(key, hit);
      return { ctx, answer: JSON.parse(hit.json) as GatewayExecutionResult };
    }
    if (hit) { cache.delete(key); bytes -= hit.json.length; }
    return { ctx, after: (result) => { if (!result.errors?.length) bewaar(key, JSON.stringify(result)); return result; } };
  };
}
