import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { checkedInSupergraph, composeSupergraph } from './compose';

describe('supergraph', () => {
  it('is up to date with the subgraph schemas (run `npm run compose` when this fails)', () => {
    expect(checkedInSupergraph()).toBe(composeSupergraph());
  });

  it('joins Jongere from the domain subgraphs and the consent service, and Regio from basis and the monitor only', () => {
    const sdl = checkedInSupergraph();
    const typeBlock = (name: string) => sdl.slice(sdl.indexOf(`type ${name}\n`), sdl.indexOf('{', sdl.indexOf(`type ${name}\n`)));
    for (const graph of ['BASIS', 'ONDERWIJS', 'DOORSTROOM', 'PARTICIPATIE', 'ZORG', 'TOESTEMMING']) {
      expect(typeBlock('Jongere')).toContain(`@join__type(graph: ${graph}, key: "bsn")`);
    }
    // Figures for a region come from the monitor alone, with disclosure control.
    expect([...typeBlock('Regio').matchAll(/@join__type\(graph: (\w+)/g)].map((m) => m[1]).sort()).toEqual(['BASIS', 'MONITOR']);
  });
});

describe('data categories', () => {
  const { categoryMap } = jest.requireActual('../policies/categories') as typeof import('../policies/categories');

  it('are declared on every root and entity field, and composition fails otherwise', () => {
    const sdl = checkedInSupergraph();
    expect(categoryMap(sdl).problems).toEqual([]);
    const stripped = sdl.replace(/(heeftZorgtoewijzing: Boolean @join__field\([^\n]*\)) @gegevenscategorie\(id: "zorg.indicatie"\)/, '$1');
    expect(stripped).not.toBe(sdl);
    expect(categoryMap(stripped).problems).toEqual(['field Jongere.heeftZorgtoewijzing has no data category (@gegevenscategorie)']);
  });

  it('keep withholdable fields nullable: only identification and reference fields of entities are non-null', () => {
    const sdl = checkedInSupergraph();
    const map = categoryMap(sdl);
    // Output fields that carry their own category and are non-null (a typed container's fields are withheld with it; arguments and input fields are what callers send).
    const nonNull = parse(sdl).definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION)
      .flatMap((t) => (t.fields ?? []).filter((f) => f.type.kind === Kind.NON_NULL_TYPE && f.directives?.some((d) => d.name.value === 'gegevenscategorie')).map((f) => map.of(t.name.value, f.name.value)))
      .filter((c) => c !== undefined);
    expect(new Set(nonNull)).toEqual(new Set(['identificatie', 'referentie']));
    expect(map.of('Jongere', 'zorgtoewijzingen')).toBe('zorg.detail');
    expect(map.of('JongerenPagina', 'totaal')).toBe('identificatie');
  });
});
