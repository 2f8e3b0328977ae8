import { allow, rule, shield, type IRule } from 'graphql-shield';
import { applyMiddleware } from 'graphql-middleware';
import { isObjectType, Kind, print, type ConstDirectiveNode, type DocumentNode, type GraphQLField, type GraphQLSchema } from 'graphql';
import { walkInputCategories } from '../../policies/input-categories';
import type { IMiddlewareFunction } from 'graphql-middleware';
import { AppError } from '../../lib/errors';
import { categoryMap } from '../../policies/categories';
import { leesVerklaringen, type Verklaringen } from '../../policies/declaraties';
import type { Persoonskenmerken } from '../../policies/scope';
import type { Besluit } from '../../policies/types';
import type { Beleid } from './beleid';
import { bewakingen, type BereikFeiten } from './guards';
import { besluitFout } from './request-policy';

export interface PolicyContext { beleid: Beleid }

/** How a subgraph reads the policy facts of a Jongere it resolves (from its own data or the @requires'd representation). */
export type KenmerkenLezer<C> = (parent: any, ctx: C) => Persoonskenmerken | Promise<Persoonskenmerken>;

/** Internal fields that carry policy facts between subgraphs; never client-visible (@inaccessible). */
export const INTERNAL_FIELDS = new Set(['beleidskenmerken', 'onderwijskenmerken']);

/**
 * graphql-shield rules for one subgraph, generated from its schema's declarations and the
 * register: every field of Jongere is checked per person (scope, consent, legal basis; a derived
 * field on every category it carries) and the decision is recorded for the audit log. Entry
 * points, lists and derived lines get the guards of `guards.ts`; filters and the register's
 * exclusions theirs. `_service`, `_entities` and non-personal types pass.
 */
export function policyLayer<C extends PolicyContext>(naam: string, typeDefs: DocumentNode, kenmerken: KenmerkenLezer<C> | undefined,
  feiten: BereikFeiten<C>, uitgezonderd: ReadonlySet<string> = new Set()): (schema: GraphQLSchema) => GraphQLSchema {
  const verklaringen = leesVerklaringen(typeDefs);
  if (verklaringen.fouten.length) throw new Error(`${naam}: invalid policy declarations:\n- ${verklaringen.fouten.join('\n- ')}`);
  const rules = jongereRegels(typeDefs, verklaringen, kenmerken);
  const guards = bewakingen(naam, verklaringen, feiten, kenmerken as never);
  return (schema) => {
    const federation = Object.fromEntries(['_entities', '_service'].filter((f) => schema.getQueryType()?.getFields()[f]).map((f) => [f, allow]));
    const jongere = Object.keys(rules).length > 0;
    const tree = { ...(jongere ? { Jongere: rules } : {}), Query: federation, _Service: { sdl: allow } };
    const generated = shield(tree, {
      allowExternalErrors: true,
      fallbackRule: allow,
      fallbackError: new AppError('NO_LEGAL_BASIS', 'access refused'),
    }).generate(schema) as Record<string, unknown>;
    // Shield wraps every field with its fallback rule; only Jongere's fields carry person data,
    // so only they keep the middleware (wrapping the rest cost a third of a 1,000-person page).
    return applyMiddleware(schema, jongere ? { Jongere: generated.Jongere } as never : {}, argumentGuards(schema) as never,
      exclusionGuards(schema, uitgezonderd) as never, guards as never);
  };
}

/**
 * Only the guards entry points need to hand their resolvers a scope (the benchmark-only mode
 * without enforcement, whose policy allows everything): no per-person rules, no audit.
 */
export function scopeLayer<C extends PolicyContext>(naam: string, typeDefs: DocumentNode, feiten: BereikFeiten<C>): (schema: GraphQLSchema) => GraphQLSchema {
  const verklaringen = leesVerklaringen(typeDefs);
  const alleenIngangen: Verklaringen = { ...verklaringen, velden: new Map([...verklaringen.velden].filter(([, v]) => v.beleid).map(([k, v]) => [k, { ...v, rijen: undefined, afgeleid: undefined }])) };
  const guards = bewakingen(naam, alleenIngangen, feiten, undefined);
  return (schema) => applyMiddleware(schema, guards as never);
}

/** One shield rule per personal Jongere field: its categories decided for the person, the decision recorded. */
function jongereRegels<C extends PolicyContext>(typeDefs: DocumentNode, verklaringen: Verklaringen, kenmerken: KenmerkenLezer<C> | undefined): Record<string, IRule> {
  const categories = categoryMap(print(typeDefs));
  // The key is not guarded: it is what the caller already holds (a BSN they asked for, or one a scoped caseload returned).
  const jongereFields = categories.fields().filter((f) => f.startsWith('Jongere.')).map((f) => f.split('.')[1]).filter((f) => !INTERNAL_FIELDS.has(f) && f !== 'bsn');
  // Internal parts that carry personal data to another subgraph (who is involved) are guarded like client fields.
  const intern = internalPersonalFields(typeDefs);
  jongereFields.push(...intern.keys());
  if (jongereFields.length && !kenmerken) throw new Error('a subgraph with Jongere fields must say how to read their policy facts (kenmerken)');
  const rules: Record<string, IRule> = {};
  for (const field of jongereFields) {
    const veld = `Jongere.${field}`;
    const eigen = intern.get(field) ?? categories.of('Jongere', field)!;
    const afgeleid = verklaringen.velden.get(veld)?.afgeleid;
    // A value derived as a whole needs every category it carries; a list decided line by line, its own.
    const categorieen = afgeleid?.wijze === 'GEHEEL' ? verklaringen.categorieenVan(veld) : [eigen];
    // Derived as a whole from items that belong to institutions: not an institution's to know under its own-students activity.
    const uitRijen = afgeleid?.wijze === 'GEHEEL' && afgeleid.bronnen.some((b) => verklaringen.velden.get(b.veld)?.rijen?.regel === 'EIGEN_INSTELLING');
    rules[field] = rule(veld, { cache: 'no_cache' })(async (parent, _args, ctx: C) => {
      let persoon: Persoonskenmerken;
      try {
        persoon = await kenmerken!(parent, ctx);
      } catch (error) {
        // A rule denies by returning an error; one it throws would be masked as the fallback.
        if (error instanceof AppError) return error;
        throw error;
      }
      let besluit: Besluit = { uitkomst: 'TOEGESTAAN' };
      for (const categorie of categorieen) {
        besluit = await ctx.beleid.beoordeel(persoon, categorie, veld);
        if (besluit.uitkomst === 'TOEGESTAAN' && uitRijen && ctx.beleid.activiteit.voorwaarden.eigenStudenten) {
          besluit = { uitkomst: 'GEEN_GRONDSLAG', categorie, reden: `${veld} is derived from other institutions' records too` };
        }
        ctx.beleid.registreer(persoon.bsn, categorie, besluit);
        if (besluit.uitkomst !== 'TOEGESTAAN') break;
      }
      return besluitFout(besluit, ctx.beleid.interne.activiteit) ?? true;
    });
  }
  return rules;
}

/** `@inaccessible` Jongere fields with a data category (not the policy facts): field → category. */
function internalPersonalFields(typeDefs: DocumentNode): Map<string, string> {
  const found = new Map<string, string>();
  for (const d of typeDefs.definitions) {
    if ((d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION) || d.name.value !== 'Jongere') continue;
    for (const f of d.fields ?? []) {
      const categorie = directiveCategory(f.directives);
      if (categorie && f.directives?.some((x) => x.name.value === 'inaccessible') && !INTERNAL_FIELDS.has(f.name.value)) found.set(f.name.value, categorie);
    }
  }
  return found;
}

/** The categories of the arguments and input fields a resolver was given (non-null values only). */
export function argumentCategories(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): Set<string> {
  const found = new Set<string>();
  for (const arg of field.args) {
    walkInputCategories(args[arg.name], arg.type, directiveCategory(arg.astNode?.directives), arg.name,
      (input, name) => directiveCategory(input.getFields()[name].astNode?.directives), (_label, c) => found.add(c));
  }
  return found;
}

function directiveCategory(directives: readonly ConstDirectiveNode[] | undefined): string | undefined {
  const arg = directives?.find((d) => d.name.value === 'gegevenscategorie')?.arguments?.find((a) => a.name.value === 'id');
  return arg?.value.kind === Kind.STRING ? arg.value.value : undefined;
}

/**
 * The owning subgraph's own check of filters: every field with arguments refuses a value whose
 * category the activity does not grant outright (FILTER_NOT_ALLOWED), and notes the categories
 * used for the audit log. Generated from the schema's argument categories, like the field rules.
 */
function argumentGuards(schema: GraphQLSchema): Record<string, Record<string, IMiddlewareFunction>> {
  const guards: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith('_') || !field.args.some((a) => directiveCategory(a.astNode?.directives))) continue;
      (guards[type.name] ??= {})[field.name] = (resolve, parent, args, ctx: PolicyContext, info) => {
        const used = argumentCategories(field, args);
        const refused = [...used].filter((c) => !ctx.beleid.toegestaan(c));
        if (refused.length) {
          const activity = ctx.beleid.interne.activiteit;
          ctx.beleid.registreerZonderPersoon(refused[0], { uitkomst: 'GEEN_GRONDSLAG', categorie: refused[0], reden: 'filter' }, `${type.name}.${field.name}: filter op ${refused.join(', ')} geweigerd`);
          throw new AppError('FILTER_NOT_ALLOWED', `${field.name} filters on ${refused.join(', ')}, which ${activity} does not grant outright`,
            { category: refused[0], activity, argument: field.name });
        }
        ctx.beleid.noteerFilter(used);
        return resolve(parent, args, ctx, info);
      };
    }
  }
  return guards;
}

/**
 * The register's exclusions (`uitgezonderd`) on fields outside Jongere (whose rules check them per
 * person): refused with NO_LEGAL_BASIS in every enforcement mode. `uitgezonderd`: every field any
 * activity excludes; whether this request's activity does is decided per request.
 */
function exclusionGuards(schema: GraphQLSchema, uitgezonderd: ReadonlySet<string>): Record<string, Record<string, IMiddlewareFunction>> {
  const guards: Record<string, Record<string, IMiddlewareFunction>> = {};
  for (const veld of uitgezonderd) {
    const [type, field] = veld.split('.');
    const t = schema.getType(type);
    if (type === 'Jongere' || !isObjectType(t) || !t.getFields()[field]) continue;
    (guards[type] ??= {})[field] = (resolve, parent, args, ctx: PolicyContext, info) => {
      if (ctx.beleid.activiteit.uitgezonderd.includes(veld)) {
        throw besluitFout({ uitkomst: 'GEEN_GRONDSLAG', categorie: veld, reden: `${ctx.beleid.interne.activiteit} excludes ${veld}` }, ctx.beleid.interne.activiteit);
      }
      return resolve(parent, args, ctx, info);
    };
  }
  return guards;
}
