import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { getArgumentValues, Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { operationCost } from './cost';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';
import { AppError } from '../../lib/errors';
import type { Toegang } from '../policy/activity';
import type { Verklaringen } from '../../policies/declaraties';
import { LIMIT_CODES } from './query-limits';

/** Budgets per window; every option is validated at construction. */
export interface RateLimits {
  /** Points one employee may spend per window. Default 20000 (twenty 1,000-person pages a minute). */
  perEmployee: number;
  /** Points one organisation (all its employees) may spend per window. Default 200000. */
  perOrganisation: number;
  /** Window length in seconds. Default 60. */
  windowSeconds: number;
  /**
   * Points an operation refused by the query limits costs (parse, validation, depth, aliases,
   * cost): abuse spends the budget fast, so a flood meets 429 before it is even parsed. Default 100.
   */
  refusalPoints: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perEmployee: 20_000, perOrganisation: 200_000, windowSeconds: 60, refusalPoints: 100 };

/** Operations refused before they ran: by the query limits, by parsing or validation, or for a filter. */
const PENALISED = new Set([...LIMIT_CODES, 'TOO_MANY_TOKENS', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'FILTER_NOT_ALLOWED']);

/**
 * What an operation costs against the budget: 1, plus the page size of every paginated field
 * (`eerste`, literal, variable or default), so a 1,000-person page costs 1,001; plus a point per
 * thousand of its query cost (every field times the lists around it, reference lists by their
 * declared size: the heaviest reference query the limits allow costs some 2,000); plus what each
 * entry point or mutation declares beyond 1 (`@beleid(kosten)`): a consent change costs 25.
 */
export function ratePoints(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, verklaringen?: Verklaringen,
  operation?: OperationDefinitionNode | null): number {
  let points = 1;
  if (operation) {
    const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : null;
    const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    if (root) points += Math.floor(operationCost(schema, operation.selectionSet, root.name, (n) => fragments.get(n), (t, f) => verklaringen?.velden.get(`${t}.${f}`)?.lijstgrootte) / 1000);
  }
  const info = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(info, {
    Field(node) {
      const def = info.getFieldDef();
      const parent = info.getParentType();
      const kosten = parent && verklaringen?.velden.get(`${parent.name}.${node.name.value}`)?.beleid?.kosten;
      if (kosten && kosten > 1) points += kosten - 1;
      if (!def?.args.some((a) => a.name === 'eerste')) return;
      try {
        const eerste = getArgumentValues(def, node, variables ?? {}).eerste;
        points += typeof eerste === 'number' && eerste > 0 ? Math.min(eerste, 100_000) : 1;
      } catch {
        points += 1;
      }
    },
  }));
  return points;
}

/** The rate limiter of one gateway: a cheap gate before parsing, and charges per operation. */
export interface RateLimiter {
  /** Refuses (429) when the employee's or organisation's budget is already spent; charges nothing. */
  gate(toegang: Toegang): Promise<void>;
  plugin: ApolloServerPlugin<{ toegang?: Toegang }>;
}

function rejected(rejection: RateLimiterRes, points: number): AppError {
  const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  return new AppError('RATE_LIMITED', `too many requests; try again in ${seconds} s${points ? ` (this operation costs ${points} points)` : ''}`, {
    retryAfterSeconds: seconds, http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
  });
}

/**
 * Rate limits per employee and per organisation (rate-limiter-flexible): in Redis when a client
 * is given, shared by every replica, with this process's memory as insurance while Redis is down;
 * in memory otherwise. Refusals are HTTP 429 with Retry-After and code RATE_LIMITED.
 */
export function createRateLimiter(given: Partial<RateLimits> = {}, redis?: RedisClientType | null, verklaringen?: Verklaringen): RateLimiter {
  const limits = { ...DEFAULT_RATE_LIMITS, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) } as RateLimits;
  for (const key of ['perEmployee', 'perOrganisation', 'windowSeconds', 'refusalPoints'] as const) {
    if (!Number.isInteger(limits[key]) || limits[key] < 1) throw new RangeError(`rate limit ${key} must be a positive integer; received ${given[key]}`);
  }
  const make = (prefix: string, points: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix: prefix, points, duration: limits.windowSeconds });
    return redis ? new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, keyPrefix: `jf:rl:${prefix}`, points, duration: limits.windowSeconds,
      insuranceLimiter: memory, rejectIfRedisNotReady: true }) : memory;
  };
  const employees = make('medewerker', limits.perEmployee);
  const organisations = make('organisatie', limits.perOrganisation);
  const employeeKey = (t: Toegang) => `${t.principal.organisatie ?? '-'}:${t.principal.medewerker}`;
  const charge = async (toegang: Toegang, points: number) => {
    await employees.consume(employeeKey(toegang), points);
    if (toegang.principal.organisatie) await organisations.consume(toegang.principal.organisatie, points);
  };
  return {
    async gate(toegang) {
      for (const [limiter, key, max] of [[employees, employeeKey(toegang), limits.perEmployee], [organisations, toegang.principal.organisatie, limits.perOrganisation]] as const) {
        if (!key) continue;
        const state = await limiter.get(key).catch(() => null);
        if (state && state.consumedPoints > max) throw rejected(state, 0);
      }
    },
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ contextValue, document, request, schema, operation }) {
            if (!contextValue.toegang) return;
            const points = ratePoints(schema, document, request.variables, verklaringen, operation);
            try {
              await charge(contextValue.toegang, points);
            } catch (rejection) {
              if (!(rejection instanceof RateLimiterRes)) throw rejection;
              throw rejected(rejection, points);
            }
          },
          async didEncounterErrors({ contextValue, errors, operation }) {
            // Refused before it ran (limits, parse, validation): abuse costs more than use.
            if (!contextValue.toegang || operation && !errors.some((e) => e.extensions?.code === 'FILTER_NOT_ALLOWED')) return;
            if (!errors.some((e) => PENALISED.has(String(e.extensions?.code)))) return;
            await charge(contextValue.toegang, limits.refusalPoints).catch(() => undefined);
          },
        };
      },
    },
  };
}
