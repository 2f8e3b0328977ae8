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

describe('policy declarations in the composed schema', () => {
  const { problemen, leesVerklaringen } = jest.requireActual('../policies/declaraties') as typeof import('../policies/declaraties');
  const { loadRegister } = jest.requireActual('../policies/register') as typeof import('../policies/register');
  const { demoRegions } = jest.requireActual('../lib/domain/regions') as typeof import('../lib/domain/regions');
  const openbaar = new Set([...loadRegister().categorieen.values()].filter((c) => c.openbaar).map((c) => c.id));

  it('leave no entry point, mutation, field with arguments or non-public entity field without its policy', () => {
    const sdl = checkedInSupergraph();
    expect(problemen(sdl, openbaar)).toEqual([]);
    const v = leesVerklaringen(sdl);
    const ingangen = [...v.velden.values()].filter((f) => /^(Query|Mutation)\./.test(f.veld) && !f.veld.includes('._'));
    expect(ingangen.length).toBeGreaterThan(15);
    expect(ingangen.filter((f) => !f.beleid).map((f) => f.veld)).toEqual([]);
    // Taking one declaration away makes composition fail, naming the field.
    const zonder = sdl.replace(/(registreerNazorgcontact\([^\n]*) @beleid\([^\n]*\)/, '$1');
    expect(zonder).not.toBe(sdl);
    expect(problemen(zonder, openbaar)).toEqual([expect.stringMatching(/^Mutation\.registreerNazorgcontact declares no policy/)]);
  });

  it('declare reference list sizes no smaller than what the area\'s regions return (the query cost counts them)', () => {
    const v = leesVerklaringen(checkedInSupergraph());
    const regions = demoRegions();
    const grootste = Math.max(...regions.all().map((r) => r.gemeenten.length));
    // At least what they return, and not so much more that an honest query is priced out.
    expect(v.velden.get('Query.regios')!.lijstgrootte).toBeGreaterThanOrEqual(regions.all().length);
    expect(v.velden.get('Query.regios')!.lijstgrootte).toBeLessThanOrEqual(2 * regions.all().length);
    expect(v.velden.get('Regio.gemeenten')!.lijstgrootte).toBeGreaterThanOrEqual(grootste);
    expect(v.velden.get('Regio.gemeenten')!.lijstgrootte).toBeLessThanOrEqual(2 * grootste);
  });
});
