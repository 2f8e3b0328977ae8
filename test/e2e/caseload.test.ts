import { BRP_BATCH_SIZE } from '../../adapters/brp/haal-centraal/client';
import { LEERPLICHT_BATCH_SIZE } from '../../adapters/leerplicht/referentie/client';
import { PARTICIPATIE_BATCH_SIZE } from '../../adapters/participatie/referentie/client';
import { ZORG_BATCH_SIZE } from '../../adapters/zorg/referentie/client';
import { ageOn } from '../../lib/domain/dates';
import { heeftToestemming } from '../../population/consent';
import { heeftStartkwalificatie } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { INTEGRAL_QUERY } from '../support/graphql';
import { gqlAs, startTestSystem, testClock, type Identity } from '../support/system';

const coach = (org: string): Identity => ({ role: 'doorstroomcoach', org, activity: 'doorstroompunt-begeleiding' });
/** doorstroompunt-begeleiding@2: "van 16 tot 27 jaar", 27 excluded (policies/verwerkingsregister.yaml). */
const onder27 = (geboortedatum: string) => ageOn(geboortedatum, testClock()) < 27;

let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem(); }, 120_000);
afterAll(() => system?.stop());

const PAGE = `query ($filter: JongerenFilter, $eerste: Int, $na: String) {
  jongeren(filter: $filter, eerste: $eerste, na: $na) { totaal volgendeCursor jongeren { bsn } } }`;

async function allPages(who: Identity, filter: Record<string, unknown>, eerste: number): Promise<{ bsns: string[]; totaal: number; pages: number }> {
  const bsns: string[] = [];
  let na: string | null = null;
  let totaal = 0;
  let pages = 0;
  do {
    const { body } = await gqlAs(system, who, PAGE, { filter, eerste, na });
    expect(body.errors).toBeUndefined();
    bsns.push(...body.data.jongeren.jongeren.map((j: { bsn: string }) => j.bsn));
    totaal = body.data.jongeren.totaal;
    na = body.data.jongeren.volgendeCursor;
    pages++;
  } while (na);
  return { bsns, totaal, pages };
}

describe('caseload search', () => {
  it('makes at most ceil(1000 / batch size) calls per source system for 1,000 people (no N+1)', async () => {
    for (const sim of Object.values(system.simulators)) sim.resetCalls();
    // A Doorstroompunt coach in Den Haag (the largest region): zorg is withheld at the gateway, participatie needs consent.
    const { body } = await gqlAs(system, coach('GM0518'), `${INTEGRAL_QUERY} { jongeren(eerste: 1000) { totaal jongeren { ...Integraal } } }`);
    expect(body.data.jongeren.jongeren).toHaveLength(1000);
    const codes = new Set(body.errors?.map((e) => e.extensions?.code));
    expect(codes).toEqual(new Set(['NO_LEGAL_BASIS', 'NO_CONSENT']));
    const { brp, leerplicht, participatie, zorg, duo } = system.simulators;
    const calls = {
      brp: brp.callCount('POST /personen'),
      leerplichtDossiers: leerplicht.callCount('POST /dossiers/opvragen'),
      leerplichtZoeken: leerplicht.callCount('POST /jongeren/zoeken'),
      participatie: participatie.callCount('POST /klanten/opvragen'),
      zorg: zorg.callCount('POST /toewijzingen/opvragen'),
      duo: duo.callCount(),
    };
    expect(calls).toEqual({
      brp: Math.ceil(1000 / BRP_BATCH_SIZE),
      leerplichtDossiers: Math.ceil(1000 / LEERPLICHT_BATCH_SIZE),
      leerplichtZoeken: 1, // the search itself, once per page
      // only the people who consented are looked up, in batches
      participatie: Math.ceil(body.data.jongeren.jongeren.filter((j: { bsn: string }) => heeftToestemming(system.population.byBsn(j.bsn)!, 'doorstroompunt-begeleiding')).length / PARTICIPATIE_BATCH_SIZE),
      zorg: 0, // withheld before planning: never asked
      duo: 0, // education is served from the ingested deliveries
    });
  });

  it('batches the Wmo/Jeugd registry too when its fields are granted', async () => {
    for (const sim of Object.values(system.simulators)) sim.resetCalls();
    const consulent: Identity = { role: 'wmo-jeugdconsulent', org: 'GM0518', activity: 'wmo-jeugd-toegang' };
    const { body } = await gqlAs(system, consulent, '{ jongeren(eerste: 1000) { totaal jongeren { bsn heeftZorgtoewijzing zorgtoewijzingen { wet } } } }');
    expect(body.errors).toBeUndefined();
    const n = body.data.jongeren.jongeren.length;
    expect(n).toBeGreaterThan(300);
    expect(system.simulators.zorg.callCount('POST /toewijzingen/opvragen')).toBe(Math.ceil(n / ZORG_BATCH_SIZE));
    expect(system.simulators.brp.callCount('POST /personen')).toBe(Math.ceil(n / BRP_BATCH_SIZE));
  });

  it('walks all pages of a filtered caseload and finds exactly the ground truth', async () => {
    const { population } = system;
    const regio = population.regions.get('DP-RIJK-VAN-NIJMEGEN')!;
    const expected = [...population.persons()]
      .filter((p) => regio.gemeenten.includes(p.gemeenteCode) && !heeftStartkwalificatie(p) && onder27(p.geboortedatum))
      .map((p) => p.bsn).sort();
    const { bsns, totaal, pages } = await allPages(coach('GM0268'), { regio: 'DP-RIJK-VAN-NIJMEGEN', zonderStartkwalificatie: true }, 100);
    expect(bsns).toEqual(expected);
    expect(totaal).toBe(expected.length);
    expect(pages).toBe(Math.ceil(expected.length / 100));
  });

  it('answers the caseload of a Doorstroompunt region that crosses arbeidsmarktregio\'s exactly (Noord- en Midden-Drenthe: AM01 and AM03)', async () => {
    const { population } = system;
    const regio = population.regions.get('DP-NOORD-MIDDEN-DRENTHE')!;
    const expected = [...population.persons()]
      .filter((p) => regio.gemeenten.includes(p.gemeenteCode) && !heeftStartkwalificatie(p) && onder27(p.geboortedatum)).map((p) => p.bsn).sort();
    const { bsns, totaal } = await allPages(coach('GM0106'), { zonderStartkwalificatie: true }, 100);
    expect(bsns).toEqual(expected);
    expect(totaal).toBe(expected.length);
    // Within the coach's region, the part in arbeidsmarktregio AM03 is Midden-Drenthe alone (CBS 2026).
    const am03 = await allPages(coach('GM0106'), { regio: 'AM03', zonderStartkwalificatie: true }, 100);
    expect(am03.bsns).toEqual([...population.persons()]
      .filter((p) => p.gemeenteCode === 'GM1731' && !heeftStartkwalificatie(p) && onder27(p.geboortedatum)).map((p) => p.bsn).sort());
  });

  it('filters on age and Doorstroompunt status', async () => {
    const { population } = system;
    const today = testClock();
    const expected = [...population.persons()].filter((p) => {
      const age = ageOn(p.geboortedatum, today);
      return population.regions.get(p.gemeenteCode)!.arbeidsmarktregio === 'AM21' && age >= 18 && age <= 20
        && p.leerplicht.trajecten.at(-1)?.status === 'AFGESLOTEN';
    }).map((p) => p.bsn).sort();
    expect(expected.length).toBeGreaterThan(0);
    const { bsns } = await allPages(coach('GM0518'), { regio: 'AM21', leeftijdVanaf: 18, leeftijdTot: 20, doorstroomstatus: 'AFGESLOTEN' }, 1000);
    expect(bsns).toEqual(expected);
  });

  it('never widens beyond the activity\'s scope, whatever the filter asks', async () => {
    const { population } = system;
    const drenthe = population.regions.get('DP-ZUIDOOST-DRENTHE')!.gemeenten;
    const expected = [...population.persons()].filter((p) => drenthe.includes(p.gemeenteCode) && onder27(p.geboortedatum)).map((p) => p.bsn).sort();
    const { bsns } = await allPages(coach('GM0114'), {}, 1000);
    expect(bsns).toEqual(expected);
    const other = await allPages(coach('GM0114'), { regio: 'AM21' }, 1000);
    expect(other.bsns).toEqual([]);
    const leerplicht: Identity = { role: 'leerplichtambtenaar', org: 'GM0114', activity: 'leerplicht-handhaving' };
    const minors = await allPages(leerplicht, { leeftijdVanaf: 16 }, 1000);
    const today = testClock();
    expect(minors.bsns).toEqual([...population.persons()].filter((p) => p.gemeenteCode === 'GM0114' && ageOn(p.geboortedatum, today) < 18).map((p) => p.bsn).sort());
  });
});
