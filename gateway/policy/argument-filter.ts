import { getArgumentValues, getVariableValues, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { walkInputCategories } from '../../policies/input-categories';
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
        // Introspection (`__type(name:)`) selects schema types, never people.
        if (!parent || !def || def.args.length === 0 || node.name.value.startsWith('__')) return;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(def, node, vars);
        } catch {
          return; // a bad argument value is refused by validation/execution
        }
        for (const argDef of def.args) {
          const category = categories.argument(parent.name, def.name, argDef.name) ?? 'onbekend';
          walkInputCategories(values[argDef.name], argDef.type, category, `${def.name}(${argDef.name}`, (input, field) => categories.inputField(input.name, field),
            (label, c) => uses.push({ argument: `${label})`, path: [...path], category: c }));
        }
      },
      leave() { path.pop(); },
    },
  }));
  return uses;
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
