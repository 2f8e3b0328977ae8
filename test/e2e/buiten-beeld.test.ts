import { BRP_BATCH_SIZE } from '../../adapters/brp/haal-centraal/client';
import { LEERPLICHT_BATCH_SIZE } from '../../adapters/leerplicht/referentie/client';
import { PARTICIPATIE_BATCH_SIZE } from '../../adapters/participatie/referentie/client';
import { ZORG_BATCH_SIZE } from '../../adapters/zorg/referentie/client';
import { ageOn } from '../../lib/dates';
import type { SynthPersoon } from '../../population/types';
import type { RunningSystem } from '../../system';
import { zoalsGeleverd } from '../support/duo';
import { gqlAs, startTestSystem, testClock, TEST_DAY } from '../support/system';

/**
 * `buitenBeeld` against the generator's ground truth, with what the layer can know of education
 * from DUO's delivery rules (test/support/duo.ts), and its source calls counted.
 */
let system: RunningSystem;
beforeAll(async () => { system = await startTestSystem(); }, 120_000);
afterAll(() => system?.stop());

const REGIO = 'DP-HAAGLANDEN';
const coach = { role: 'doorstroomcoach', org: 'GM0518', activity: 'doorstroompunt-begeleiding' };
const later = (a: string | null, b: string | null | undefined) => (!b ? a : !a || b > a ? b : a);
/** WEB art. 1.1.1: a havo or vwo diploma, mbo level 2 or higher, or higher education. */
const isSk = (d: SynthPersoon['onderwijs']['diplomas'][number]) => (d.onderwijssoort === 'VO' ? ['havo', 'vwo'].includes(d.niveau) : d.onderwijssoort !== 'MBO' || Number(d.niveau) >= 2);

function verwacht(): { bsn: string; sinds: string }[] {
  const gemeenten = new Set(system.population.regions.get(REGIO)!.gemeenten);
  const result: { bsn: string; sinds: string }[] = [];
  for (const volledig of system.population.persons()) {
    const leeftijd = ageOn(volledig.geboortedatum, testClock());
    if (!gemeenten.has(volledig.gemeenteCode) || leeftijd < 16 || leeftijd >= 27 || volledig.overlijdensdatum) continue;
    const p = zoalsGeleverd(volledig, TEST_DAY);
    const o = p.onderwijs;
    if (!o.inschrijvingen.length && !o.diplomas.length) continue; // DUO never delivered them to the region
    if (o.diplomas.some(isSk) || o.inschrijvingen.some((i) => i.einddatum === null)) continue;
    const w = volledig.participatie;
    if (w.uitkering || w.trajecten.some((t) => t.einddatum === null) || w.werk.some((d) => d.begindatum <= TEST_DAY && (d.einddatum === null || d.einddatum >= TEST_DAY))) continue;
    if (volledig.leerplicht.trajecten.some((t) => t.status !== 'AFGESLOTEN')) continue;
    const zorg = volledig.zorg.toewijzingen;
    if (zorg.some((t) => t.startZorg && !t.stopZorg && t.begindatum <= TEST_DAY && (!t.einddatum || t.einddatum >= TEST_DAY))) continue;
    let sinds: string | null = null;
    for (const d of [...o.inschrijvingen.map((i) => i.einddatum), ...w.werk.map((d) => d.einddatum), ...w.trajecten.map((t) => t.einddatum),
      ...volledig.leerplicht.trajecten.map((t) => t.einddatum), ...zorg.map((t) => t.stopZorg ?? t.einddatum).filter((d) => d && d <= TEST_DAY)]) sinds = later(sinds, d);
    result.push({ bsn: p.bsn, sinds: sinds ?? TEST_DAY });
  }
  return result.sort((a, b) => a.sinds.localeCompare(b.sinds) || a.bsn.localeCompare(b.bsn));
}

describe('buitenBeeld (out of sight) for a Doorstroomcoach', () => {
  it('equals the ground truth exactly over all pages, longest out of sight first', async () => {
    const gezien: { bsn: string; sinds: string; dagen: number }[] = [];
    let na: string | null = null;
    let totaal = 0;
    do {
      const { body } = await gqlAs(system, coach, 'query ($na: String) { buitenBeeld(eerste: 25, na: $na) { totaal volgendeCursor items { sinds dagenBuitenBeeld jongere { bsn } } } }', { na });
      expect(body.errors).toBeUndefined();
      totaal = body.data.buitenBeeld.totaal;
      gezien.push(...body.data.buitenBeeld.items.map((i: { sinds: string; dagenBuitenBeeld: number; jongere: { bsn: string } }) => ({ bsn: i.jongere.bsn, sinds: i.sinds, dagen: i.dagenBuitenBeeld })));
      na = body.data.buitenBeeld.volgendeCursor;
    } while (na);
    const truth = verwacht();
    expect(truth.length).toBeGreaterThan(25); // more than one page
    expect(totaal).toBe(truth.length);
    expect(gezien.map(({ bsn, sinds }) => ({ bsn, sinds }))).toEqual(truth);
    for (const g of gezien) expect(g.dagen).toBe(Math.floor((testClock().getTime() - Date.parse(`${g.sinds}T00:00:00Z`)) / 86_400_000));
  });

  it('asks each source in batches: calls per page bounded by the candidates over the batch size, never one per person', async () => {
    for (const sim of Object.values(system.simulators)) sim.resetCalls();
    const { body } = await gqlAs(system, coach, '{ buitenBeeld(eerste: 10) { totaal items { jongere { bsn } } } }');
    const { brp, leerplicht, participatie, zorg } = system.simulators;
    // Candidates after education: everyone in the region DUO knows without a startkwalificatie or an open enrolment.
    const gemeenten = new Set(system.population.regions.get(REGIO)!.gemeenten);
    const kandidaten = [...system.population.persons()].filter((v) => gemeenten.has(v.gemeenteCode)).map((v) => zoalsGeleverd(v, TEST_DAY).onderwijs)
      .filter((o) => (o.inschrijvingen.length || o.diplomas.length) && !o.diplomas.some(isSk) && !o.inschrijvingen.some((i) => i.einddatum === null)).length;
    const calls = { brp: brp.callCount('POST /personen'), participatie: participatie.callCount('POST /klanten/opvragen'),
      leerplicht: leerplicht.callCount('POST /dossiers/opvragen'), zorg: zorg.callCount('POST /toewijzingen/opvragen') };
    expect(body.data.buitenBeeld.totaal).toBeLessThan(kandidaten);
    expect(calls.brp).toBeLessThanOrEqual(Math.ceil(kandidaten / BRP_BATCH_SIZE));
    expect(calls.participatie).toBeLessThanOrEqual(Math.ceil(kandidaten / PARTICIPATIE_BATCH_SIZE));
    expect(calls.leerplicht).toBeLessThanOrEqual(Math.ceil(kandidaten / LEERPLICHT_BATCH_SIZE) + 1); // +1: the page's own Jongere look-ups, if any
    expect(calls.zorg).toBeLessThanOrEqual(Math.ceil(kandidaten / ZORG_BATCH_SIZE));
    for (const n of Object.values(calls)) expect(n).toBeGreaterThan(0);
    console.log(`buitenBeeld: ${kandidaten} candidates after education, ${body.data.buitenBeeld.totaal} out of sight; source calls ${JSON.stringify(calls)}`);
  });

  it('is refused under an activity without signalering (the Jongerenloket) before any source is asked', async () => {
    for (const sim of Object.values(system.simulators)) sim.resetCalls();
    const { body } = await gqlAs(system, { role: 'jongerenloket', org: 'GM0518', activity: 'jongerenloket-intake' }, '{ buitenBeeld { totaal } }');
    expect(body.errors![0].extensions).toMatchObject({ code: 'NO_LEGAL_BASIS', category: 'signalering' });
    expect(system.simulators.participatie.callCount('POST /klanten/opvragen')).toBe(0);
  });
});
