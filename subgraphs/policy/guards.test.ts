import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type GraphQLSchema } from 'graphql';
import { demoRegions } from '../../lib/domain/regions';
import { loadRegister } from '../../policies/register';
import type { ConsentStore } from '../../stores/consent';
import { bereikVan } from './guards';
import { RequestPolicy } from './request-policy';
import { policyLayer } from './shield';

/**
 * Declarations in, guards out: a small subgraph with the project's directives, executed directly
 * (no HTTP, no other services) under the register's real activities. What each guard decides and
 * what the audit record then says, for entry points, derived lines and rows of institutions.
 */
const header = readFileSync(join(__dirname, '..', 'header.graphql'), 'utf8');
const typeDefs = parse(`${header}
type Query {
  persoon(bsn: String! @gegevenscategorie(id: "identificatie")): Jongere @gegevenscategorie(id: "identificatie") @beleid(bereik: "PERSOON", subject: "bsn", audit: "PERSOON")
  caseload: [Jongere!] @gegevenscategorie(id: "identificatie") @beleid(bereik: "CASELOAD", subject: "bsn", audit: "RESULTAAT")
  student(bsn: String! @gegevenscategorie(id: "identificatie")): Jongere @gegevenscategorie(id: "identificatie") @beleid(bereik: "OUD_STUDENT", subject: "bsn", audit: "PERSOON")
}
type Regel { rol: String! organisatie: String }
type Diploma { brin: String! }
type Jongere @key(fields: "bsn") {
  bsn: String! @gegevenscategorie(id: "identificatie")
  wie: [Regel!] @gegevenscategorie(id: "betrokkenen") @afgeleid(bronnen: ["Jongere.coach=doorstroom.dossier", "Jongere.zorg=zorg.indicatie", "Jongere.zorgdetail=zorg.detail"],
    wijze: "PER_REGEL", soortVeld: "rol", regels: ["COACH=Jongere.coach", "ZORG=Jongere.zorg", "ZORG.organisatie=Jongere.zorgdetail"])
  diplomas: [Diploma!] @gegevenscategorie(id: "onderwijs.resultaat") @rijen(eigenaar: "brin")
}`);
const register = loadRegister();
const regions = demoRegions();
const TODAY = '2026-11-01';
const IN_DEN_HAAG = '999995145';
const IN_EMMEN = '900001756';
const BRP = new Map([[IN_DEN_HAAG, { gemeente: 'GM0518', geboortedatum: '2007-01-01' }], [IN_EMMEN, { gemeente: 'GM0114', geboortedatum: '2007-01-01' }]]);
let gezien: unknown = null;

function schemaMet(): GraphQLSchema {
  const base = buildSubgraphSchema({ typeDefs, resolvers: {
    Query: {
      persoon: (_: unknown, { bsn }: { bsn: string }) => ({ bsn }),
      student: (_: unknown, { bsn }: { bsn: string }) => ({ bsn }),
      caseload: (_: unknown, args: object) => { gezien = bereikVan(args); return [{ bsn: IN_DEN_HAAG }]; },
    },
    Jongere: {
      wie: () => [{ rol: 'COACH', organisatie: 'Doorstroompunt Haaglanden' }, { rol: 'ZORG', organisatie: 'Aanbieder A' }, { rol: 'ZORG', organisatie: 'Aanbieder B' }],
      diplomas: () => [{ brin: '91AA' }, { brin: '91AB' }],
    },
  } as never });
  return policyLayer<{ beleid: RequestPolicy }>('test', typeDefs, (p: { bsn: string }) => ({ bsn: p.bsn, gemeente: BRP.get(p.bsn)?.gemeente ?? null, geboortedatum: BRP.get(p.bsn)?.geboortedatum ?? null, onderwijs: [{ brin: '91AA', ingeschreven: false, diplomadatum: '2026-07-01' }] }),
    { brp: async (bsns) => new Map(bsns.map((b) => [b, BRP.get(b) ?? null])), onderwijs: async () => [{ brin: '91AA', ingeschreven: false, diplomadatum: '2026-07-01' }] })(base);
}

const geenToestemming: ConsentStore = { actief: async () => new Map() } as unknown as ConsentStore;
function beleid(activiteit: string, rol: string, organisatie: string) {
  return new RequestPolicy({ register, regions, consent: geenToestemming, clock: () => new Date(`${TODAY}T12:00:00Z`), feiten: { controleur: { controleer: () => 'GELDIG' } } },
    { medewerker: 'm-1', rol, organisatie, bsn: null, activiteit, traceparent: '00-0123456789abcdef0123456789abcdef-0123456789abcdef-01', deadline: Date.now() + 60_000 });
}
const schema = schemaMet();
const run = async (b: RequestPolicy, query: string) => {
  const result = await execute({ schema, document: parse(query), contextValue: { beleid: b } });
  return { ...result, errors: [...(result.errors ?? []).map((e) => ({ path: e.path, code: e.extensions?.code, category: e.extensions?.category })), ...b.extraFouten().map((e) => ({ path: e.path, code: e.extensions?.code, category: e.extensions?.category }))] };
};
const records = (b: RequestPolicy) => b.auditRecords('test', 'q', false, (bsn) => `p:${bsn}`).map((r) => ({
  subject: r.attributes['dpl.core.data_subject_id'], verstrekt: r.attributes['jf.categorieen.verstrekt'], geweigerd: r.attributes['jf.categorieen.geweigerd'],
}));

describe('guards generated from declarations', () => {
  it('PERSOON: refuses a person outside the region at the root and audits the refusal; serves and audits one inside', async () => {
    const b = beleid('doorstroompunt-begeleiding@4', 'doorstroomcoach', 'GM0518');
    const buiten = await run(b, `{ persoon(bsn: "${IN_EMMEN}") { bsn } }`);
    expect(buiten.data?.persoon).toBeNull();
    expect(buiten.errors).toEqual([{ path: ['persoon'], code: 'OUT_OF_SCOPE', category: undefined }]);
    const binnen = await run(b, `{ persoon(bsn: "${IN_DEN_HAAG}") { bsn } }`);
    expect(binnen.data?.persoon).toEqual({ bsn: IN_DEN_HAAG });
    expect(records(b)).toEqual(expect.arrayContaining([
      { subject: `p:${IN_EMMEN}`, verstrekt: [], geweigerd: { identificatie: 'BUITEN_BEREIK' } },
      { subject: `p:${IN_DEN_HAAG}`, verstrekt: ['identificatie'], geweigerd: {} },
    ]));
  });

  it('CASELOAD: hands the resolver the employee\'s region and ages, and audits everyone on the page; refuses an activity without a region', async () => {
    const b = beleid('doorstroompunt-begeleiding@4', 'doorstroomcoach', 'GM0518');
    expect((await run(b, '{ caseload { bsn } }')).data?.caseload).toEqual([{ bsn: IN_DEN_HAAG }]);
    expect(gezien).toEqual({ gemeenten: new Set(regions.get('DP-HAAGLANDEN')!.gemeenten), leeftijd: { van: 16, tot: 27 } });
    expect(records(b)).toEqual([{ subject: `p:${IN_DEN_HAAG}`, verstrekt: ['identificatie'], geweigerd: {} }]);
    const fg = beleid('toezicht-fg@1', 'fg', 'GM0518');
    expect((await run(fg, '{ caseload { bsn } }')).errors).toEqual([{ path: ['caseload'], code: 'NO_LEGAL_BASIS', category: 'identificatie' }]);
    expect(records(fg)).toEqual([{ subject: '', verstrekt: [], geweigerd: { identificatie: 'GEEN_GRONDSLAG' } }]);
  });

  it('PER_REGEL: a care line only where care data is granted, its details only where care details are; what is withheld is said at the list', async () => {
    const coach = beleid('doorstroompunt-begeleiding@4', 'doorstroomcoach', 'GM0518');
    // The coach may not see betrokkenen without consent at all; the Wmo consultant sees care, not the dossier without consent.
    const wmo = beleid('wmo-jeugd-toegang@2', 'wmo-jeugdconsulent', 'GM0518');
    const r = await run(wmo, `{ persoon(bsn: "${IN_DEN_HAAG}") { wie { rol organisatie } } }`);
    expect(r.data?.persoon).toEqual({ wie: [{ rol: 'ZORG', organisatie: 'Aanbieder A' }, { rol: 'ZORG', organisatie: 'Aanbieder B' }] });
    expect(r.errors).toEqual([{ path: ['persoon', 'wie'], code: 'NO_CONSENT', category: 'doorstroom.dossier' }]);
    const loket = beleid('jongerenloket-intake@3', 'jongerenloket', 'GM0518');
    const l = await run(loket, `{ persoon(bsn: "${IN_DEN_HAAG}") { wie { rol organisatie } } }`);
    expect(l.data?.persoon).toEqual({ wie: null });
    expect(l.errors).toEqual([{ path: ['persoon', 'wie'], code: 'NO_CONSENT', category: 'betrokkenen' }]);
    expect((await run(coach, `{ persoon(bsn: "${IN_DEN_HAAG}") { wie { rol } } }`)).errors).toEqual([{ path: ['persoon', 'wie'], code: 'NO_CONSENT', category: 'betrokkenen' }]);
  });

  it('@rijen: rows of other institutions are never served under a school\'s own-students activity, all rows otherwise', async () => {
    const school = beleid('mbo-nazorg@3', 'loopbaanbegeleider', '91AA');
    expect((await run(school, `{ student(bsn: "${IN_DEN_HAAG}") { diplomas { brin } } }`)).data?.student).toEqual({ diplomas: [{ brin: '91AA' }] });
    const wmo = beleid('inzage-betrokkene@3', 'jongere', '');
    (wmo.interne as { bsn: string | null }).bsn = IN_DEN_HAAG;
    expect((await run(wmo, `{ persoon(bsn: "${IN_DEN_HAAG}") { diplomas { brin } } }`)).data?.persoon).toEqual({ diplomas: [{ brin: '91AA' }, { brin: '91AB' }] });
  });
});
