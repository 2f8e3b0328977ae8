import { allow, rule, shield, type IRule } from 'graphql-shield';
import { applyMiddleware } from 'graphql-middleware';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { print } from 'graphql';
import { AppError } from '../../lib/errors';
import { categoryMap } from '../../policies/categories';
import type { Persoonskenmerken } from '../../policies/scope';
import { besluitFout, type RequestPolicy } from './request-policy';

export interface PolicyContext { beleid: RequestPolicy }

/** How a subgraph reads the policy facts of a Jongere it resolves (from its own data or the @requires'd representation). */
export type KenmerkenLezer<C> = (parent: any, ctx: C) => Persoonskenmerken | Promise<Persoonskenmerken>;

/** Internal fields that carry policy facts between subgraphs; never client-visible (@inaccessible). */
export const INTERNAL_FIELDS = new Set(['beleidskenmerken', 'onderwijskenmerken']);

/**
 * graphql-shield rules for one subgraph, generated from its schema's data categories and the
 * register: every field of Jongere is checked per person (scope, consent, legal basis) and the
 * decision is recorded for the audit log. `_service`, `_entities` and non-personal types pass.
 */
export function policyLayer<C extends PolicyContext>(typeDefs: DocumentNode, kenmerken: KenmerkenLezer<C> | undefined): (schema: GraphQLSchema) => GraphQLSchema {
  const categories = categoryMap(print(typeDefs));
  // The key is not guarded: it is what the caller already holds (a BSN they asked for, or one a scoped caseload returned).
  const jongereFields = categories.fields().filter((f) => f.startsWith('Jongere.')).map((f) => f.split('.')[1]).filter((f) => !INTERNAL_FIELDS.has(f) && f !== 'bsn');
  if (jongereFields.length && !kenmerken) throw new Error('a subgraph with Jongere fields must say how to read their policy facts (kenmerken)');
  const rules: Record<string, IRule> = {};
  for (const field of jongereFields) {
    const categorie = categories.of('Jongere', field)!;
    rules[field] = rule(`Jongere.${field}`, { cache: 'no_cache' })(async (parent, _args, ctx: C) => {
      const persoon = await kenmerken!(parent, ctx);
      const besluit = await ctx.beleid.beoordeel(persoon, categorie);
      ctx.beleid.registreer(persoon.bsn, categorie, besluit);
      return besluitFout(besluit, ctx.beleid.interne.activiteit) ?? true;
    });
  }
  return (schema) => {
    const federation = Object.fromEntries(['_entities', '_service'].filter((f) => schema.getQueryType()?.getFields()[f]).map((f) => [f, allow]));
    const tree = { ...(jongereFields.length ? { Jongere: rules } : {}), Query: federation, _Service: { sdl: allow } };
    const generated = shield(tree, {
      allowExternalErrors: true,
      fallbackRule: allow,
      fallbackError: new AppError('NO_LEGAL_BASIS', 'access refused'),
    }).generate(schema) as Record<string, unknown>;
    // Shield wraps every field with its fallback rule; only Jongere's fields carry person data,
    // so only they keep the middleware (wrapping the rest cost a third of a 1,000-person page).
    return applyMiddleware(schema, jongereFields.length ? { Jongere: generated.Jongere } as never : {});
  };
}
