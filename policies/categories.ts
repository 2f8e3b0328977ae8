import { Kind, parse, type ConstDirectiveNode, type InputObjectTypeDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';

/**
 * The data category of every field, read from the `@gegevenscategorie` directives that
 * composition keeps in the supergraph. A field's own directive wins over its type's. Fields of
 * value types without either (Naam, Adres, Inschrijving, ...) take the category of the field
 * that returns them: they are only ever reached through it.
 */
export interface CategoryMap {
  /** The declared category of `Type.field`, or undefined when it inherits from its parent field. */
  of(type: string, field: string): string | undefined;
  /** Every `Type.field` of the supergraph's object types (federation internals excluded). */
  fields(): string[];
  /**
   * The category an argument (`Type.field(arg)`) or input field (`Input.field`) reveals about the
   * people it selects. Every one declares its own: a filter's category is never inherited.
   */
  argument(type: string, field: string, arg: string): string | undefined;
  inputField(type: string, field: string): string | undefined;
  /** Every category used. */
  used(): Set<string>;
}

const DIRECTIVE = 'gegevenscategorie';
const INTERNAL = /^(join__|link__|_Service$|_Entity$|_Any$)/;

function categoryOf(directives: readonly ConstDirectiveNode[] | undefined): string[] {
  return (directives ?? []).filter((d) => d.name.value === DIRECTIVE).map((d) => {
    const arg = d.arguments?.find((a) => a.name.value === 'id');
    return arg && arg.value.kind === Kind.STRING ? arg.value.value : '';
  });
}

export function categoryMap(supergraphSdl: string): CategoryMap & { problems: string[] } {
  const doc = parse(supergraphSdl);
  const own = new Map<string, string>();
  const typeLevel = new Map<string, string>();
  const all: string[] = [];
  const problems: string[] = [];
  const entities = new Set<string>();
  const args = new Map<string, string>();
  const inputs = new Map<string, string>();
  const single = (what: string, directives: readonly ConstDirectiveNode[] | undefined): string | undefined => {
    const c = [...new Set(categoryOf(directives))];
    if (c.length > 1) problems.push(`${what} has several categories: ${c.join(', ')}`);
    if (c.length === 0) problems.push(`${what} has no data category (@gegevenscategorie): an argument reveals what it filters on`);
    return c[0];
  };
  const objects = doc.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && !INTERNAL.test(d.name.value));
  for (const type of objects) {
    const t = type.name.value;
    if (type.directives?.some((d) => d.name.value === 'inaccessible')) continue;
    const tc = [...new Set(categoryOf(type.directives))];
    if (tc.length > 1) problems.push(`type ${t} has several categories: ${tc.join(', ')}`);
    if (tc[0]) typeLevel.set(t, tc[0]);
    if (type.directives?.some((d) => d.name.value === 'join__type' && d.arguments?.some((a) => a.name.value === 'key'))) entities.add(t);
    for (const field of type.fields ?? []) {
      const f = `${t}.${field.name.value}`;
      if (field.directives?.some((d) => d.name.value === 'inaccessible')) continue;
      all.push(f);
      const fc = [...new Set(categoryOf(field.directives))];
      if (fc.length > 1) problems.push(`field ${f} has several categories: ${fc.join(', ')}`);
      if (fc[0]) own.set(f, fc[0]);
      for (const arg of field.arguments ?? []) {
        const c = single(`argument ${f}(${arg.name.value})`, arg.directives);
        if (c) args.set(`${f}(${arg.name.value})`, c);
      }
    }
  }
  const inputTypes = doc.definitions.filter((d): d is InputObjectTypeDefinitionNode => d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && !INTERNAL.test(d.name.value));
  for (const type of inputTypes) {
    for (const field of type.fields ?? []) {
      const f = `${type.name.value}.${field.name.value}`;
      const c = single(`input field ${f}`, field.directives);
      if (c) inputs.set(f, c);
    }
  }
  // Roots and entities are reached directly, so nothing to inherit from: they must declare.
  for (const f of all) {
    const [t] = f.split('.');
    if ((t === 'Query' || t === 'Mutation' || entities.has(t)) && !own.has(f) && !typeLevel.has(t)) problems.push(`field ${f} has no data category (@gegevenscategorie)`);
  }
  return {
    problems,
    of: (type, field) => own.get(`${type}.${field}`) ?? typeLevel.get(type),
    fields: () => [...all],
    argument: (type, field, arg) => args.get(`${type}.${field}(${arg})`),
    inputField: (type, field) => inputs.get(`${type}.${field}`),
    used: () => new Set([...own.values(), ...typeLevel.values(), ...args.values(), ...inputs.values()]),
  };
}
