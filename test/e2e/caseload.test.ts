import { BRP_BATCH_SIZE } from '../../adapters/brp/haal-centraal/client';
import { LEERPLICHT_BATCH_SIZE } from '../../adapters/leerplicht/referentie/client';
import { PARTICIPATIE_BATCH_SIZE } from '../../adapters/participatie/referentie/client';
import { ZORG_BATCH_SIZE } from '../../adapters/zorg/referentie/client';
import { ageOn } from '../../lib/dates';
import { heeftStartkwalificatie } from '../../population/generator';
import type { RunningSystem } from '../../system';
import { gql, INTEGRAL_QUERY } from '../support/graphql';
import { startTestSystem, testClock } from '../support/system';

let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem(); }, 120_000);
afterAll(() => system?.stop());

const PAGE = `query ($filter: JongerenFilter, $eerste: Int, $na: String) {
  jongeren(filter: $filter, eerste: $eerste, na: $na) { totaal volgendeCursor jongeren { bsn } } }`;

async function allPages(filter: Record<string, unknown>, eerste: number): Promise<{ bsns: string[]; totaal: number; pages: number }> {
  const bsns: string[] = [];
  let na: string | null = null;
  let totaal = 0;
  let pages = 0;
  do {
    const { body } = await gql(system.gatewayUrl, PAGE, { filter, eerste, na });
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
    const { body } = await gql(system.gatewayUrl, `${INTEGRAL_QUERY} { jongeren(eerste: 1000) { totaal jongeren { ...Integraal } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.jongeren.jongeren).toHaveLength(1000);
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
      participatie: Math.ceil(1000 / PARTICIPATIE_BATCH_SIZE),
      zorg: Math.ceil(1000 / ZORG_BATCH_SIZE),
      duo: 0, // education is served from the ingested deliveries
    });
  });

  it('walks all pages of a filtered caseload and finds exactly the ground truth', async () => {
    const { population } = system;
    const regio = population.regions.get('DP-GORINCHEM')!;
    const expected = [...population.persons()]
      .filter((p) => regio.gemeenten.includes(p.gemeenteCode) && !heeftStartkwalificatie(p))
      .map((p) => p.bsn).sort();
    const { bsns, totaal, pages } = await allPages({ regio: 'DP-GORINCHEM', zonderStartkwalificatie: true }, 100);
    expect(bsns).toEqual(expected);
    expect(totaal).toBe(expected.length);
    expect(pages).toBe(Math.ceil(expected.length / 100));
  });

  it('filters on age and Doorstroompunt status', async () => {
    const { population } = system;
    const today = testClock();
    const expected = [...population.persons()].filter((p) => {
      const age = ageOn(p.geboortedatum, today);
      return population.regions.get(p.gemeenteCode)!.arbeidsmarktregio === 'AM11' && age >= 18 && age <= 20
        && p.leerplicht.trajecten.at(-1)?.status === 'AFGESLOTEN';
    }).map((p) => p.bsn).sort();
    expect(expected.length).toBeGreaterThan(0);
    const { bsns } = await allPages({ regio: 'AM11', leeftijdVanaf: 18, leeftijdTot: 20, doorstroomstatus: 'AFGESLOTEN' }, 1000);
    expect(bsns).toEqual(expected);
  });
});
