import { leesVerklaringen, problemen, regelsPerSoort } from './declaraties';

/** The declarations read from a schema, and what composition refuses: without starting anything. */
const HEADER = `directive @gegevenscategorie(id: String!) on FIELD_DEFINITION | OBJECT | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION
directive @beleid(bereik: String!, subject: String, audit: String!, omschrijving: String, kosten: Int! = 1, regel: String) on FIELD_DEFINITION
directive @afgeleid(bronnen: [String!]!, aanvullend: [String!], wijze: String! = "GEHEEL", regels: [String!], soortVeld: String) on FIELD_DEFINITION
directive @rijen(regel: String! = "EIGEN_INSTELLING", eigenaar: String) on FIELD_DEFINITION
directive @lijstgrootte(max: Int!) on FIELD_DEFINITION
directive @key(fields: String!) on OBJECT
`;
const OPENBAAR = new Set(['referentie']);
const schema = (body: string) => `${HEADER}${body}`;

const GOED = schema(`
type Query {
  persoon(bsn: String! @gegevenscategorie(id: "identificatie")): Persoon @gegevenscategorie(id: "identificatie") @beleid(bereik: "PERSOON", subject: "bsn", audit: "PERSOON")
  regios: [Regio!]! @gegevenscategorie(id: "referentie") @beleid(bereik: "GEEN", audit: "GEEN") @lijstgrootte(max: 40)
}
type Mutation {
  wijzig(bsn: String! @gegevenscategorie(id: "identificatie")): Persoon @gegevenscategorie(id: "toestemming")
    @beleid(bereik: "PERSOON", subject: "bsn", audit: "WIJZIGING", omschrijving: "gewijzigd {bsn}", kosten: 25)
}
type Persoon @key(fields: "bsn") {
  bsn: String! @gegevenscategorie(id: "identificatie")
  zorg: Boolean @gegevenscategorie(id: "zorg.indicatie")
  details: [String!] @gegevenscategorie(id: "zorg.detail")
  diplomas: [String!] @gegevenscategorie(id: "onderwijs.resultaat") @rijen(eigenaar: "instelling.brin")
  sk: Boolean @gegevenscategorie(id: "onderwijs.resultaat") @afgeleid(bronnen: ["Persoon.diplomas=onderwijs.resultaat"])
  wie: [String!] @gegevenscategorie(id: "betrokkenen")
    @afgeleid(bronnen: ["Persoon.zorg=zorg.indicatie", "Persoon.details=zorg.detail"], wijze: "PER_REGEL", soortVeld: "rol",
      regels: ["ZORG=Persoon.zorg", "ZORG.organisatie=Persoon.details"])
}
type Regio @key(fields: "code") @gegevenscategorie(id: "referentie") {
  code: String!
  gemeenten: [Regio!]! @lijstgrootte(max: 20)
}`);

describe('policy declarations', () => {
  it('read entry points, derivations, rows and list sizes as data', () => {
    const v = leesVerklaringen(GOED);
    expect(v.fouten).toEqual([]);
    expect(v.velden.get('Query.persoon')?.beleid).toEqual({ bereik: 'PERSOON', subject: 'bsn', audit: 'PERSOON', omschrijving: null, kosten: 1, regel: null });
    expect(v.velden.get('Mutation.wijzig')?.beleid?.kosten).toBe(25);
    expect(v.velden.get('Persoon.diplomas')?.rijen).toEqual({ regel: 'EIGEN_INSTELLING', eigenaar: 'instelling.brin' });
    expect(v.velden.get('Regio.gemeenten')?.lijstgrootte).toBe(20);
    // A derived field carries its sources' categories as well as its own.
    expect(v.categorieenVan('Persoon.sk')).toEqual(['onderwijs.resultaat']);
    expect(v.categorieenVan('Persoon.wie').sort()).toEqual(['betrokkenen', 'zorg.detail', 'zorg.indicatie']);
    const soorten = regelsPerSoort(v.velden.get('Persoon.wie')!.afgeleid!);
    expect(soorten.get('ZORG')?.bron).toEqual({ veld: 'Persoon.zorg', categorie: 'zorg.indicatie' });
    expect(soorten.get('ZORG')?.attributen.get('organisatie')).toEqual({ veld: 'Persoon.details', categorie: 'zorg.detail' });
  });

  it('leave nothing to complain about in a complete schema', () => {
    expect(problemen(GOED, OPENBAAR, 'Persoon')).toEqual([]);
  });

  it('make composition fail on an entry point, mutation or field with arguments that declares no policy', () => {
    const zonder = GOED.replace(' @beleid(bereik: "PERSOON", subject: "bsn", audit: "PERSOON")', '');
    expect(problemen(zonder, OPENBAAR, 'Persoon')).toEqual([expect.stringMatching(/^Query\.persoon declares no policy/)]);
    const mutatie = GOED.replace(/\n {4}@beleid\(bereik: "PERSOON", subject: "bsn", audit: "WIJZIGING"[^\n]*/, '');
    expect(problemen(mutatie, OPENBAAR, 'Persoon')).toEqual([expect.stringMatching(/^Mutation\.wijzig declares no policy/)]);
  });

  it('make composition fail on a derived field whose sources do not exist or carry another category', () => {
    const verkeerd = GOED.replace('"Persoon.diplomas=onderwijs.resultaat"', '"Persoon.diplomas=onderwijs.inschrijving"');
    expect(problemen(verkeerd, OPENBAAR, 'Persoon')).toEqual(['Persoon.sk: source Persoon.diplomas is onderwijs.resultaat, not onderwijs.inschrijving']);
    const weg = GOED.replace('"Persoon.diplomas=onderwijs.resultaat"', '"Persoon.cijfers=onderwijs.resultaat"');
    expect(problemen(weg, OPENBAAR, 'Persoon')).toEqual(['Persoon.sk: source Persoon.cijfers does not exist']);
    const regel = GOED.replace('"ZORG.organisatie=Persoon.details"', '"ZORG.organisatie=Persoon.bsn"');
    expect(problemen(regel, OPENBAAR, 'Persoon')).toEqual(expect.arrayContaining([
      'Persoon.wie: rule ZORG.organisatie names Persoon.bsn, which is not among its sources', 'Persoon.wie: source Persoon.details is used by no rule']));
  });

  it('make composition fail on malformed values and a reference list without a size', () => {
    expect(problemen(GOED.replace('bereik: "GEEN"', 'bereik: "IEDEREEN"'), OPENBAAR, 'Persoon')).toEqual([expect.stringMatching(/^Query\.regios: @beleid\(bereik\) must be one of/)]);
    expect(problemen(GOED.replace(' @lijstgrootte(max: 20)', ''), OPENBAAR, 'Persoon')).toEqual([expect.stringMatching(/^Regio\.gemeenten is a reference list without a page size/)]);
    expect(problemen(GOED.replace(', omschrijving: "gewijzigd {bsn}"', ''), OPENBAAR, 'Persoon')).toEqual([expect.stringMatching(/needs an omschrijving/)]);
    expect(problemen(GOED.replace('@rijen(eigenaar: "instelling.brin")', '@rijen(regel: "IEDEREEN")'), OPENBAAR, 'Persoon')).toEqual([expect.stringMatching(/^Persoon\.diplomas: @rijen\(regel\) must be one of/)]);
    expect(problemen(GOED.replace('@rijen(eigenaar: "instelling.brin")', '@rijen'), OPENBAAR, 'Persoon')).toEqual([expect.stringMatching(/needs eigenaar/)]);
    expect(problemen(GOED.replace('audit: "WIJZIGING"', 'audit: "WIJZIGING", regel: "ALTIJD"'), OPENBAAR, 'Persoon')).toEqual([expect.stringMatching(/^Mutation\.wijzig: @beleid\(regel\) must be one of/)]);
  });
});
