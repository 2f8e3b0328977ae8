import {
  getNamedType, GraphQLError, isListType, isNonNullType, Kind,
  type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLOutputType, type GraphQLSchema, type SelectionSetNode, type ValidationContext, type ValidationRule,
} from 'graphql';

/** Page size assumed for a list without `eerste`: its default, or this. */
const NOMINAL_LIST_SIZE = 10;

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * How many items a list field may return: a literal `eerste`, else its default or declared maximum
 * (for variables), else the size its schema declares (`@lijstgrootte`, reference lists), else nominal.
 */
function listSize(field: GraphQLField<unknown, unknown>, node: FieldNode, declared: number | undefined): number {
  const arg = node.arguments?.find((a) => a.name.value === 'eerste');
  if (arg?.value.kind === Kind.INT) return Math.max(1, Number(arg.value.value));
  const def = field.args.find((a) => a.name === 'eerste');
  if (arg && def) return MAXIMUM_PAGE[field.name] ?? 1000; // a variable: assume the largest page
  if (def && typeof def.defaultValue === 'number') return def.defaultValue;
  return declared ?? NOMINAL_LIST_SIZE;
}

/** Largest pages the subgraphs allow (`eerste`), assumed when the size comes from a variable. */
const MAXIMUM_PAGE: Record<string, number> = { jongeren: 1000, logboek: 500, mijnLogboek: 500 };

/**
 * Cost of an operation before it runs: each field counts 1, multiplied by the sizes of the lists
 * it sits in (a caseload page of 1,000 with 20 fields costs 20,000; a reference list by the size
 * it declares). Fragments are costed once and reused, so a deep fragment chain cannot make the
 * rule itself slow. The same count prices an operation against the rate limit.
 */
export function operationCost(schema: GraphQLSchema, selectionSet: SelectionSetNode, rootType: string, fragmentOf: (name: string) => FragmentDefinitionNode | undefined | null,
  lijstgrootte: (type: string, field: string) => number | undefined = () => undefined): number {
  const fragmentCost = new Map<string, number>();
  // `page`: the page size a paginated field (`eerste`) passes to the list inside its page object.
  const costOf = (set: SelectionSetNode, parentType: string, visiting: Set<string>, page?: number): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) { total += 1; continue; }
        const parent = schema.getType(parentType);
        const field = parent && 'getFields' in parent ? (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[sel.name.value] : undefined;
        if (!field) continue;
        const declared = lijstgrootte(parentType, sel.name.value);
        const paged = field.args.some((a) => a.name === 'eerste') && !isList(field.type) ? listSize(field, sel, declared) : undefined;
        const inner = sel.selectionSet ? costOf(sel.selectionSet, getNamedType(field.type).name, visiting, paged) : 0;
        const size = isList(field.type) ? (page !== undefined && !field.args.some((a) => a.name === 'eerste') ? page : listSize(field, sel, declared)) : 1;
        total += size * (1 + inner);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(sel.selectionSet, sel.typeCondition?.name.value ?? parentType, visiting, page);
      } else {
        const name = sel.name.value;
        if (visiting.has(name)) continue; // cycles are refused by validation itself
        let cost = fragmentCost.get(name);
        if (cost === undefined) {
          const fragment = fragmentOf(name);
          if (!fragment) continue;
          cost = costOf(fragment.selectionSet, fragment.typeCondition.name.value, new Set([...visiting, name]));
          fragmentCost.set(name, cost);
        }
        total += cost;
      }
      if (total > Number.MAX_SAFE_INTEGER / 2) return total;
    }
    return total;
  };
  return costOf(selectionSet, rootType, new Set());
}

/** The query limit on cost: refuses an operation whose cost passes `maxCost` before anything runs (QUERY_TOO_COSTLY). */
export function costRule(maxCost: number, lijstgrootte: (type: string, field: string) => number | undefined = () => undefined): ValidationRule {
  return (context: ValidationContext) => {
    const schema = context.getSchema();
    return {
      OperationDefinition(node) {
        const root = node.operation === 'query' ? schema.getQueryType() : node.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
        if (!root) return;
        const cost = operationCost(schema, node.selectionSet, root.name, (name) => context.getFragment(name), lijstgrootte);
        if (cost > maxCost) {
          context.reportError(new GraphQLError(`the operation would cost ${cost}, more than the ${maxCost} allowed (lists count by their page size)`,
            { nodes: [node], extensions: { code: 'QUERY_TOO_COSTLY', cost, limit: maxCost } }));
        }
      },
    };
  };
}
