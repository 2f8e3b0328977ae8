/**
 * Every field path a `fields` parameter may name, read from the real Haal Centraal spec: the
 * properties of the response schema, through `$ref`, `allOf`, arrays and the subtypes a
 * discriminator maps to (a date may be a Datum, a JaarDatum, ...). Paths are case-sensitive.
 */
export function fieldPaths(spec: any, schemaName: string, maxDepth = 6): Set<string> {
  const schemas = spec.components.schemas as Record<string, any>;
  const resolve = (s: any): any => (s?.$ref ? schemas[String(s.$ref).split('/').pop()!] : s);
  const paths = new Set<string>();
  // A property may come from several subtypes with different schemas (a Dutch and a foreign
  // `verblijfadres`): keep every one, so the paths are their union.
  const propertiesOf = (raw: any, seen: Set<any>): Map<string, any[]> => {
    const found = new Map<string, any[]>();
    const s = resolve(raw);
    if (!s || seen.has(s)) return found;
    const next = new Set(seen).add(s);
    const add = (from: Map<string, any[]>) => from.forEach((v, k) => found.set(k, [...(found.get(k) ?? []), ...v]));
    for (const [name, child] of Object.entries(s.properties ?? {})) add(new Map([[name, [child]]]));
    for (const part of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) add(propertiesOf(part, next));
    if (s.items) add(propertiesOf(s.items, next));
    for (const target of Object.values(s.discriminator?.mapping ?? {})) add(propertiesOf({ $ref: target }, next));
    return found;
  };
  const walk = (raws: any[], prefix: string, depth: number) => {
    if (depth > maxDepth) return;
    const merged = new Map<string, any[]>();
    for (const raw of raws) propertiesOf(raw, new Set()).forEach((v, k) => merged.set(k, [...(merged.get(k) ?? []), ...v]));
    for (const [name, children] of merged) {
      const path = prefix ? `${prefix}.${name}` : name;
      paths.add(path);
      walk(children, path, depth + 1);
    }
  };
  walk([{ $ref: `#/components/schemas/${schemaName}` }], '', 0);
  return paths;
}
