import { getNamedType, isInputObjectType, isListType, isNonNullType, type GraphQLInputObjectType, type GraphQLInputType } from 'graphql';

/**
 * Walks one argument's (coerced) value and reports every part that is set, with the data category
 * it reveals: the argument's own, and that of each input field set inside it. One walk for both
 * enforcement points: the gateway reads categories from the supergraph, a subgraph from its own
 * schema's directives (`categoryOf`).
 */
export function walkInputCategories(
  value: unknown, type: GraphQLInputType, category: string | undefined, label: string,
  categoryOf: (input: GraphQLInputObjectType, field: string) => string | undefined,
  found: (label: string, category: string) => void,
): void {
  if (value === null || value === undefined) return;
  found(label, category ?? 'onbekend');
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    for (const item of Array.isArray(value) ? value : [value]) walkInputCategories(item, inner.ofType, category, label, categoryOf, found);
    return;
  }
  const named = getNamedType(inner);
  if (!isInputObjectType(named) || typeof value !== 'object') return;
  const fields = named.getFields();
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (fields[name]) walkInputCategories(v, fields[name].type, categoryOf(named, name), `${label}.${name}`, categoryOf, found);
  }
}
