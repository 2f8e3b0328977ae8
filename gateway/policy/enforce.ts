import { createHash } from 'node:crypto';
import type { GatewayExecutionResult, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { AppError } from '../../lib/errors';
import type { CategoryMap } from '../../policies/categories';
import type { Verklaringen } from '../../policies/declaraties';
import { weigering, type Toegang } from './activity';
import { filterUses, type FilterUse } from './argument-filter';
import { filterOperation, restoreWithheld, type Withheld } from './field-filter';
import { activiteitRef } from '../../policies/register';

/**
 * `filter` (default): withheld fields come back null with NO_LEGAL_BASIS, the rest is served.
 * `reject`: an operation that asks for anything withheld is refused whole (HTTP 403).
 * `dry-run`: everything is served and what would be withheld is reported; for rollout only.
 */
export type EnforcementMode = 'filter' | 'reject' | 'dry-run';
export const ENFORCEMENT_MODES: EnforcementMode[] = ['filter', 'reject', 'dry-run'];

/** A step before planning: the context to plan with, optionally a step on the result, or the answer itself (nothing is executed). */
export interface PrePlanningResult {
  ctx: GatewayGraphQLRequestContext;
  after?(result: GatewayExecutionResult): GatewayExecutionResult;
  answer?: GatewayExecutionResult;
}
export type PrePlanningStep = (ctx: GatewayGraphQLRequestContext) => PrePlanningResult | Promise<PrePlanningResult>;

/** What the gateway's context function put on each request. */
export interface GatewayRequestContext { toegang: Toegang }

function noLegalBasis(w: Withheld, activity: string): GraphQLError {
  return new GraphQLError(`no legal basis for ${w.field} (category ${w.category}) under ${activity}`, {
    path: w.path,
    extensions: { code: 'NO_LEGAL_BASIS', category: w.category, activity, field: w.field },
  });
}

function filterNotAllowed(u: FilterUse, activity: string): GraphQLError {
  return new GraphQLError(`${u.argument} filters on ${u.category}, which ${activity} does not grant outright`, {
    path: u.path,
    extensions: { code: 'FILTER_NOT_ALLOWED', argument: u.argument, category: u.category, activity },
  });
}

/**
 * Writes a refusal made at the gateway to the audit log, as refused processing: the employee,
 * the activity, the categories and why, one record per data subject the operation named (or one
 * without a subject). The FG sees attempts, not only disclosures.
 */
export type RefusalAudit = (ctx: GatewayGraphQLRequestContext, geweigerd: Record<string, string>) => Promise<void>;

/** A document with several operations and no `operationName` names nothing to run: 400, as the GraphQL-over-HTTP spec asks. */
export const operationRequiredStep: PrePlanningStep = (ctx) => {
  if (ctx.operation) return { ctx };
  if (ctx.response?.http) ctx.response.http.status = 400;
  return { ctx, answer: { data: null, errors: [new AppError('BAD_REQUEST', 'the document holds several operations: name the one to run in operationName')] } };
};

/**
 * The legal-basis field filter (DESIGN §3 step 2): removes every field whose data categories the
 * activity does not grant before the gateway plans the operation (a field derived as a whole
 * carries its sources' categories too, `@afgeleid`), and keys the plan cache by query and
 * permission profile.
 */
export function legalBasisStep(categories: CategoryMap, verklaringen: Verklaringen, mode: EnforcementMode, log: (line: string) => void, auditRefusal: RefusalAudit = async () => {}): PrePlanningStep {
  if (!ENFORCEMENT_MODES.includes(mode)) throw new RangeError(`enforcement mode must be one of ${ENFORCEMENT_MODES.join(', ')}; received "${mode}"`);
  if (mode === 'dry-run') log('WARNING: legal-basis enforcement is in DRY-RUN mode: fields without a legal basis ARE SERVED. Use only during rollout.');
  return async (ctx) => {
    const { toegang } = ctx.context as GatewayRequestContext;
    const activity = activiteitRef(toegang.activiteit);
    const operation = ctx.operation!;
    const { document, operation: filtered, withheld } = filterOperation(ctx.document!, operation, ctx.schema, categories, (field, category) => {
      const v = verklaringen.velden.get(field);
      return weigering(toegang, field, v?.afgeleid?.wijze === 'GEHEEL' ? verklaringen.categorieenVan(field) : [category]);
    });
    // Filters first, in every mode: a filter on a category not granted outright reveals it through
    // membership and totals, and the owning subgraph refuses it as well.
    const refusedFilters = filterUses(document, filtered, ctx.schema, categories, ctx.request.variables).filter((u) => !toegang.toegestaan.has(u.category));
    if (refusedFilters.length) {
      await auditRefusal(ctx, Object.fromEntries(refusedFilters.map((u) => [u.category, 'FILTER_NIET_TOEGESTAAN'])));
      if (ctx.response?.http) ctx.response.http.status = 403;
      return { ctx, answer: { data: null, errors: refusedFilters.map((u) => filterNotAllowed(u, activity)) } };
    }
    if (withheld.length === 0) return { ctx };
    const errors = withheld.map((w) => noLegalBasis(w, activity));
    if (mode !== 'dry-run') await auditRefusal(ctx, Object.fromEntries(withheld.map((w) => [w.category, 'GEEN_GRONDSLAG'])));
    if (mode === 'dry-run') {
      log(`DRY-RUN: ${activity} (${toegang.rol}) would be refused ${withheld.map((w) => w.field).join(', ')}`);
      return { ctx, after: (result) => ({ ...result, extensions: { ...result.extensions, wouldWithhold: errors } }) };
    }
    if (mode === 'reject') {
      if (ctx.response?.http) ctx.response.http.status = 403;
      return { ctx, answer: { data: null, errors } };
    }
    const queryHash = createHash('sha256').update(`${ctx.queryHash}\n${toegang.profiel}`).digest('hex');
    return {
      ctx: { ...ctx, document, operation: filtered, queryHash },
      after: (result) => {
        restoreWithheld(result.data as Record<string, unknown> | null, withheld);
        return { ...result, errors: [...errors, ...(result.errors ?? [])] };
      },
    };
  };
}

/**
 * Fail closed on the audit log: when any subgraph could not write its audit records, the whole
 * answer is withheld with HTTP 503 AUDIT_UNAVAILABLE.
 */
export const auditFailClosedStep: PrePlanningStep = (ctx) => ({
  ctx,
  after: (result) => {
    if (!result.errors?.some((e) => e.extensions?.code === 'AUDIT_UNAVAILABLE')) return result;
    if (ctx.response?.http) ctx.response.http.status = 503;
    return { data: null, errors: [new GraphQLError('the audit log is unavailable, so no personal data is returned', { extensions: { code: 'AUDIT_UNAVAILABLE' } })] };
  },
});
