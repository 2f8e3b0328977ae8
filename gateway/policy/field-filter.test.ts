import { buildSchema, parse, print, type OperationDefinitionNode } from 'graphql';
import { categoryMap } from '../../policies/categories';
import { filterOperation, PLACEHOLDER, restoreWithheld } from './field-filter';

const SDL = `
directive @gegevenscategorie(id: String!) on FIELD_DEFINITION | OBJECT
type Query {
  jongere(bsn: String!): Jongere @gegevenscategorie(id: "identificatie")
  regio(code: String!): Regio @gegevenscategorie(id: "referentie")
}
type Jongere @join__type(graph: A, key: "bsn") {
  bsn: String! @gegevenscategorie(id: "identificatie")
  naam: Naam @gegevenscategorie(id: "identificatie")
  zorgtoewijzingen(sinds: String): [Toewijzing!] @gegevenscategorie(id: "zorg.detail")
  uitkering: Uitkering @gegevenscategorie(id: "participatie.uitkering")
}
type Naam { voornamen: String }
type Toewijzing { wet: String }
type Uitkering { soort: String }
type Regio @gegevenscategorie(id: "referentie") { code: String naam: String }
directive @join__type(graph: String, key: String) repeatable on OBJECT
`;
const schema = buildSchema(SDL);
const categories = categoryMap(SDL);

function run(query: string, allowed: string[]) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return filterOperation(document, operation, schema, categories, (_field, category) => (allowed.includes(category) ? null : category));
}

describe('legal-basis field filter', () => {
  it('removes fields whose category is not granted, keeping the rest', () => {
    const r = run('{ jongere(bsn: "1") { naam { voornamen } zorgtoewijzingen { wet } } }', ['identificatie']);
    expect(print(r.document)).toBe(print(parse('{ jongere(bsn: "1") { naam { voornamen } } }')));
    expect(r.withheld).toEqual([{ path: ['jongere', 'zorgtoewijzingen'], field: 'Jongere.zorgtoewijzingen', category: 'zorg.detail' }]);
  });

  it('reports aliases as response paths and inlines fragments', () => {
    const r = run(`query Q { a: jongere(bsn: "1") { ...F } } fragment F on Jongere { z: zorgtoewijzingen { wet } uitkering { soort } bsn }`, ['identificatie', 'participatie.uitkering']);
    expect(r.withheld.map((w) => w.path)).toEqual([['a', 'z']]);
    expect(print(r.document)).not.toContain('zorgtoewijzingen');
    expect(print(r.document)).toContain('uitkering');
  });

  it('keeps a selection valid when every field in it is withheld, and drops unused variables', () => {
    const r = run('query ($bsn: String!, $s: String) { jongere(bsn: $bsn) { zorgtoewijzingen(sinds: $s) { wet } } }', ['identificatie']);
    expect(print(r.document)).toContain(`${PLACEHOLDER}: __typename`);
    expect(r.operation.variableDefinitions?.map((v) => v.variable.name.value)).toEqual(['bsn']);
    const all = run('query ($bsn: String!) { jongere(bsn: $bsn) { bsn } regio(code: "GM0114") { naam } }', ['referentie']);
    expect(all.withheld.map((w) => w.field)).toEqual(['Query.jongere']);
    expect(all.operation.variableDefinitions).toEqual([]);
  });

  it('lets value types inherit the category of the field that returns them', () => {
    const r = run('{ jongere(bsn: "1") { zorgtoewijzingen { wet } } }', ['identificatie', 'zorg.detail']);
    expect(r.withheld).toEqual([]);
  });

  it('puts null where withheld fields were, in lists too, and removes placeholders', () => {
    const data: Record<string, unknown> = { lijst: [{ a: 1, [PLACEHOLDER]: 'Jongere' }, { a: 2, [PLACEHOLDER]: 'Jongere' }], leeg: null };
    restoreWithheld(data, [{ path: ['lijst', 'z'], field: 'Jongere.z', category: 'x' }, { path: ['leeg', 'z'], field: 'Jongere.z', category: 'x' }]);
    expect(data).toEqual({ lijst: [{ a: 1, z: null }, { a: 2, z: null }], leeg: null });
  });
});
