import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { costRule } from './cost';

/**
 * Limits on what one operation may ask, refused with a stable code before any subgraph is
 * called. Every option is validated at construction; see `DEFAULT_QUERY_LIMITS` for defaults.
 */
export interface QueryLimits {
  /** Deepest field nesting (fragments flattened). Default 8. Example: the integral view needs 4. */
  maxDepth: number;
  /** Aliases per operation. Default 30 (each alias of a person is another look-up). */
  maxAliases: number;
  /** Directives per operation. Default 30. */
  maxDirectives: number;
  /** Lexical tokens per document (enforced while parsing). Default 3000. */
  maxTokens: number;
  /**
   * Cost: every field counts 1, times the page size of each list around it (`eerste`, or the
   * list's nominal size of 10). Default 2000000: one 1,000-person caseload page of full integral
   * views costs about 1.15 million; one person's integral view about 1,150.
   */
  maxCost: number;
  /** Largest JSON answer (bytes); larger answers are replaced by RESPONSE_TOO_LARGE. Default 16 MiB. */
  maxResponseBytes: number;
  /** Whether clients may introspect the schema. Default: on in development, off when NODE_ENV=production. */
  introspection: boolean;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 8, maxAliases: 30, maxDirectives: 30, maxTokens: 3000, maxCost: 2_000_000, maxResponseBytes: 16 * 1024 * 1024,
  introspection: process.env.NODE_ENV !== 'production',
};

export function validateQueryLimits(given: Partial<QueryLimits> = {}): QueryLimits {
  const limits = { ...DEFAULT_QUERY_LIMITS, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) } as QueryLimits;
  for (const key of ['maxDepth', 'maxAliases', 'maxDirectives', 'maxTokens', 'maxCost', 'maxResponseBytes'] as const) {
    if (!Number.isInteger(limits[key]) || limits[key] < 1) throw new RangeError(`query limit ${key} must be a positive integer; received ${given[key]}`);
  }
  if (typeof limits.introspection !== 'boolean') throw new RangeError(`query limit introspection must be true or false; received ${given.introspection}`);
  return limits;
}

/** Reports a refusal as a validation error with our code and the limit (graphql-armor's onReject hook). */
const refuse = (code: string, limit: number) => (ctx: ValidationContext | null, error: GraphQLError) => {
  ctx?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code, limit } }));
};

/**
 * graphql-armor's rules for depth, aliases and directives, and our page-size-aware cost rule, which
 * counts a reference list by the size its schema declares (`lijstgrootte`).
 */
export function limitRules(limits: QueryLimits, lijstgrootte?: (type: string, field: string) => number | undefined): ValidationRule[] {
  const armor = (code: string, n: number) => ({ n, exposeLimits: true, propagateOnRejection: false, onReject: [refuse(code, n)] });
  return [
    maxDepthRule({ ...armor('QUERY_TOO_DEEP', limits.maxDepth), flattenFragments: true, ignoreIntrospection: false }) as unknown as ValidationRule,
    maxAliasesRule({ ...armor('TOO_MANY_ALIASES', limits.maxAliases), allowList: [] }) as unknown as ValidationRule,
    maxDirectivesRule(armor('TOO_MANY_DIRECTIVES', limits.maxDirectives)) as unknown as ValidationRule,
    costRule(limits.maxCost, lijstgrootte),
    knownOperationTypeRule,
  ];
}

/** A mutation or subscription against a graph without them is a validation error (graphql-js 16 only fails at execution). */
const knownOperationTypeRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    if (!root) context.reportError(new GraphQLError(`this graph offers no ${node.operation} operations`, { nodes: [node] }));
  },
});

/** Maps graphql-js's token limit (a parse error) to our code. */
export function tokenLimitCode(message: string): string | null {
  // graphql-js 16 writes "more that"; accept the corrected spelling too.
  return /Document contains more tha[nt] \d+ tokens/.test(message) ? 'TOO_MANY_TOKENS' : null;
}

/** Codes of operations refused by the query limits. */
export const LIMIT_CODES = new Set(['QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES', 'QUERY_TOO_COSTLY']);

/**
 * Apollo Server reports every validation error as GRAPHQL_VALIDATION_FAILED; a limit's refusal
 * keeps its own code (the original error carries it).
 */
export function limitRefusal(formatted: { message: string; extensions?: Record<string, unknown> }, error: unknown): { message: string; extensions: Record<string, unknown> } | null {
  const tokens = tokenLimitCode(formatted.message);
  if (tokens) return { message: formatted.message.replace(/^Syntax Error: /, ''), extensions: { code: tokens } };
  const original = (error as { originalError?: { extensions?: Record<string, unknown> } })?.originalError?.extensions;
  if (original && LIMIT_CODES.has(original.code as string)) return { message: formatted.message, extensions: { ...original } };
  return null;
}

/**
 * Whether the JSON text of `value` would be longer than `max` bytes, counted while walking it and
 * stopped as soon as it passes: no second serialisation of a large answer just to measure it.
 * Strings count as their UTF-8 bytes and quotes (escapes aside), so the count is a close lower bound.
 */
export function groterDan(value: unknown, max: number): boolean {
  let size = 0;
  const walk = (v: unknown): boolean => {
    if (v === null || v === undefined) size += 4;
    else if (typeof v === 'string') size += Buffer.byteLength(v) + 2;
    else if (typeof v === 'number' || typeof v === 'boolean') size += String(v).length;
    else if (Array.isArray(v)) {
      size += 2;
      for (const x of v) { size += 1; if (walk(x)) return true; }
    } else if (typeof v === 'object') {
      size += 2;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) { size += Buffer.byteLength(k) + 4; if (walk(x)) return true; }
    }
    return size > max;
  };
  return walk(value);
}

/** The answer that replaces one too large: HTTP 413, no data. */
export function teGroot(maxBytes: number): { data: null; errors: { message: string; extensions: Record<string, unknown> }[] } {
  return { data: null, errors: [{ message: `the answer would be more than the ${maxBytes} bytes allowed; ask for fewer fields or a smaller page`, extensions: { code: 'RESPONSE_TOO_LARGE', limit: maxBytes } }] };
}

/**
 * Replaces an answer larger than the cap, so no single request can make the gateway send megabytes
 * without bound. Subgraph answers are already cut off while they stream in (the request's byte
 * budget, gateway/server.ts); this catches an answer that grows while it is assembled.
 */
export function responseSizePlugin(maxBytes: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.some((e) => e.extensions?.code === 'RESPONSE_TOO_LARGE') && !groterDan(result, maxBytes)) return;
          response.http.status = 413;
          response.body = { kind: 'single', singleResult: teGroot(maxBytes) };
        },
      };
    },
  };
}
