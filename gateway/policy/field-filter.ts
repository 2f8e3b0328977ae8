import {
  getNamedType, isInterfaceType, isObjectType, Kind, visit, type DocumentNode, type FieldNode, type FragmentDefinitionNode,
  type GraphQLCompositeType, type GraphQLSchema, type OperationDefinitionNode, type SelectionNode, type SelectionSetNode,
} from 'graphql';
import type { CategoryMap } from '../../policies/categories';

/** A field removed from the operation, with where its `null` goes in the response. */
export interface Withheld {
  /** Response keys (aliases) from the root; lists are crossed transparently. */
  path: string[];
  /** `Type.field`. */
  field: string;
  category: string;
}

/** Placeholder selection that keeps a selection set valid when every field in it was removed. */
export const PLACEHOLDER = '__verborgen';

/**
 * Removes from an operation every field whose data category `allowed` refuses, before the
 * gateway plans it (as Apollo Router's authorization filter does). Fragments are inlined so each
 * removal has one response path. A field that inherits its category (a value type's) is judged
 * by the category of the field that returned it.
 */
export function filterOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  schema: GraphQLSchema,
  categories: CategoryMap,
  /** The category a field is refused for (null: allowed); `category` is the one it carries or inherits. */
  refused: (field: string, category: string) => string | null,
): { document: DocumentNode; operation: OperationDefinitionNode; withheld: Withheld[] } {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const withheld: Withheld[] = [];
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return { document, operation, withheld };

  const filterSet = (set: SelectionSetNode, parent: GraphQLCompositeType, path: string[], inherited: string | undefined): SelectionSetNode => {
    const selections: SelectionNode[] = [];
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const kept = filterField(sel, parent, path, inherited);
        if (kept) selections.push(kept);
      } else {
        const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? fragments.get(sel.name.value)! : sel;
        const condition = fragment.typeCondition ? (schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType) : parent;
        const inner = filterSet(fragment.selectionSet, condition, path, inherited);
        selections.push({ kind: Kind.INLINE_FRAGMENT, typeCondition: fragment.typeCondition, directives: sel.directives, selectionSet: inner });
      }
    }
    if (selections.length === 0) selections.push(placeholder());
    return { ...set, selections };
  };

  const filterField = (node: FieldNode, parent: GraphQLCompositeType, path: string[], inherited: string | undefined): FieldNode | null => {
    const name = node.name.value;
    if (name.startsWith('__')) return node;
    const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    if (!def) return node; // validation already refused unknown fields
    const key = node.alias?.value ?? name;
    const field = `${parent.name}.${name}`;
    const category = categories.of(parent.name, name) ?? inherited;
    const refusal = category === undefined ? 'onbekend' : refused(field, category);
    if (refusal !== null) {
      withheld.push({ path: [...path, key], field, category: refusal });
      return null;
    }
    if (!node.selectionSet) return node;
    return { ...node, selectionSet: filterSet(node.selectionSet, getNamedType(def.type) as GraphQLCompositeType, [...path, key], category) };
  };

  const filtered: OperationDefinitionNode = { ...operation, selectionSet: filterSet(operation.selectionSet, root, [], undefined) };
  const used = new Set<string>();
  visit(filtered.selectionSet, { Variable: (v) => { used.add(v.name.value); } });
  const pruned: OperationDefinitionNode = {
    ...filtered,
    variableDefinitions: filtered.variableDefinitions?.filter((v) => used.has(v.variable.name.value)),
  };
  return { document: { kind: Kind.DOCUMENT, definitions: [pruned] }, operation: pruned, withheld };
}

function placeholder(): FieldNode {
  return { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: PLACEHOLDER }, name: { kind: Kind.NAME, value: '__typename' } };
}

/**
 * Puts `null` where each withheld field would have been and removes placeholders, walking
 * lists transparently. Objects that are null themselves stay null.
 */
export function restoreWithheld(data: Record<string, unknown> | null | undefined, withheld: Withheld[]): void {
  if (!data) return;
  const walk = (value: unknown, path: string[], apply: (obj: Record<string, unknown>, key: string) => void) => {
    if (Array.isArray(value)) { value.forEach((v) => walk(v, path, apply)); return; }
    if (!value || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    if (path.length === 1) apply(obj, path[0]);
    else walk(obj[path[0]], path.slice(1), apply);
  };
  for (const w of withheld) walk(data, w.path, (obj, key) => { obj[key] = null; });
  const strip = (value: unknown) => {
    if (Array.isArray(value)) { value.forEach(strip); return; }
    if (!value || typeof value !== 'object') return;
    const obj = value as Record<string, unknown>;
    delete obj[PLACEHOLDER];
    Object.values(obj).forEach(strip);
  };
  strip(data);
}
