import {
  getArgumentValues, getNamedType, getVariableValues, isInputObjectType, isListType, isNonNullType, TypeInfo, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLInputType, type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';
import type { CategoryMap } from '../../policies/categories';

/** One argument or input field an operation gives a value, with the category that value reveals. */
export interface FilterUse {
  /** `field(arg.inputField)`, e.g. `jongeren(filter.zonderStartkwalificatie)`. */
  argument: string;
  /** Response path of the field the argument belongs to. */
  path: string[];
  category: string;
}

/**
 * Every argument and input field that the operation gives a non-null value (literals, variables
 * and defaults alike, as graphql-js coerces them), with its data category. A filter reveals its
 * category about everyone it returns (membership, `totaal`), so it is checked like a field.
 * `document` holds the one operation with fragments inlined (the field filter's output).
 */
export function filterUses(document: DocumentNode, operation: OperationDefinitionNode, schema: GraphQLSchema, categories: CategoryMap,
  variables: Record<string, unknown> | undefined): FilterUse[] {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  // Invalid variables are refused by execution itself; nothing is filtered on them here.
  const vars = coerced.coerced ?? {};
  const uses: FilterUse[] = [];
  const info = new TypeInfo(schema);
  const path: string[] = [];
  visit(document, visitWithTypeInfo(info, {
    Field: {
      enter(node) {
        path.push(node.alias?.value ?? node.name.value);
        const parent = info.getParentType();
        const def = info.getFieldDef();
        if (!parent || !def || def.args.length === 0) return;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(def, node, vars);
        } catch {
          return; // a bad argument value is refused by validation/execution
        }
        for (const argDef of def.args) {
          const category = categories.argument(parent.name, def.name, argDef.name) ?? 'onbekend';
          walk(values[argDef.name], argDef.type, category, `${def.name}(${argDef.name}`, (label, c) => uses.push({ argument: `${label})`, path: [...path], category: c }), categories);
        }
      },
      leave() { path.pop(); },
    },
  }));
  return uses;
}

function walk(value: unknown, type: GraphQLInputType, category: string, label: string, found: (label: string, category: string) => void, categories: CategoryMap): void {
  if (value === null || value === undefined) return;
  found(label, category);
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    for (const item of Array.isArray(value) ? value : [value]) walk(item, inner.ofType, category, label, found, categories);
    return;
  }
  const named = getNamedType(inner);
  if (!isInputObjectType(named) || typeof value !== 'object') return;
  const fields = named.getFields();
  for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
    if (!fields[name]) continue;
    walk(v, fields[name].type, categories.inputField(named.name, name) ?? 'onbekend', `${label}.${name}`, found, categories);
  }
}

/** The BSNs an operation names in its arguments (`bsn`, also inside input objects): the data subjects of a refusal. */
export function subjectsOf(document: DocumentNode, operation: OperationDefinitionNode, schema: GraphQLSchema, variables: Record<string, unknown> | undefined): string[] {
  const vars = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}).coerced ?? {};
  const found = new Set<string>();
  const collect = (value: unknown, key: string) => {
    if (key === 'bsn' && typeof value === 'string' && /^\d{9}$/.test(value)) found.add(value);
    else if (Array.isArray(value)) value.forEach((v) => collect(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k);
  };
  const info = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(info, {
    Field(node) {
      const def = info.getFieldDef();
      if (!def || def.args.length === 0) return;
      try {
        for (const [k, v] of Object.entries(getArgumentValues(def, node, vars))) collect(v, k);
      } catch { /* refused elsewhere */ }
    },
  }));
  return [...found];
}
