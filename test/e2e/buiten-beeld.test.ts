import { BRP_BATCH_SIZE } from '../../adapters/brp/haal-centraal/client';
import { LEERPLICHT_BATCH_SIZE } from '../../adapters/leerplicht/referentie/client';
import { PARTICIPATIE_BATCH_SIZE } from '../../adapters/participatie/referentie/client';
import { ZORG_BATCH_SIZE } from '../../adapters/zorg/referentie/client';
import { ageOn } from '../../lib/domain/dates';
import type { SynthPersoon } from '../../population/types';
import type { RunningSystem } from '../../system';
import { zoalsGeleverd } from '../support/duo';
import { gqlAs, startTestSystem, testClock, TEST_DAY } from '../support/system';
import { categoryMap } from '../../policies/categories';
import { huidigeVersie, loadRegister } from '../../policies/register';
import { checkedInSupergraph } from '../../schema/compose';
import { outright } from '../support/oracle';

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

/**
 * What shows a person in view, and the field each check stands for (the schema gives its
 * category). A check counts only where the register lets the activity use that category for this
 * signal: outright, or granted for `Query.buitenBeeld` alone (`afgeleid`).
 */
const register = loadRegister();
const categories = categoryMap(checkedInSupergraph());
const activiteit = huidigeVersie(register, 'doorstroompunt-begeleiding', TEST_DAY)!;
const bruikbaar = (veld: string) => {
  const c = categories.of('Jongere', veld)!;
  return outright(register, activiteit).has(c) || activiteit.afgeleid.some((g) => g.veld === 'Query.buitenBeeld' && g.categorieen.includes(c));
};
const GEBRUIKT = { werk: bruikbaar('heeftWerk'), uitkering: bruikbaar('heeftUitkering'), trajecten: bruikbaar('reintegratietrajecten'),
  doorstroom: bruikbaar('doorstroomtrajecten'), zorg: bruikbaar('heeftZorgtoewijzing') };
const BRONNEN = ['Jongere.startkwalificatie', 'Jongere.huidigeInschrijving', 'Jongere.gemeente', 'Jongere.geboortedatum',
  ...(GEBRUIKT.werk ? ['Jongere.heeftWerk'] : []), ...(GEBRUIKT.uitkering ? ['Jongere.heeftUitkering'] : []), ...(GEBRUIKT.trajecten ? ['Jongere.reintegratietrajecten'] : []),
  ...(GEBRUIKT.doorstroom ? ['Jongere.doorstroomtrajecten'] : []), ...(GEBRUIKT.zorg ? ['Jongere.heeftZorgtoewijzing'] : [])].sort();
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
    const werk = GEBRUIKT.werk ? volledig.participatie.werk : [];
    const trajecten = GEBRUIKT.trajecten ? volledig.participatie.trajecten : [];
    const doorstroom = GEBRUIKT.doorstroom ? volledig.leerplicht.trajecten : [];
    const zorg = GEBRUIKT.zorg ? volledig.zorg.toewijzingen : [];
    if ((GEBRUIKT.uitkering && volledig.participatie.uitkering) || trajecten.some((t) => t.einddatum === null) || werk.some((d) => d.begindatum <= TEST_DAY && (d.einddatum === null || d.einddatum >= TEST_DAY))) continue;
    if (doorstroom.some((t) => t.status !== 'AFGESLOTEN')) continue;
    if (zorg.some((t) => t.startZorg && !t.stopZorg && t.begindatum <= TEST_DAY && (!t.einddatum || t.einddatum >= TEST_DAY))) continue;
    let sinds: string | null = null;
    for (const d of [...o.inschrijvingen.map((i) => i.einddatum), ...werk.map((d) => d.einddatum), ...trajecten.map((t) => t.einddatum),
      ...doorstroom.map((t) => t.einddatum), ...zorg.map((t) => t.stopZorg ?? t.einddatum).filter((d) => d && d <= TEST_DAY)]) sinds = later(sinds, d);
    result.push({ bsn: p.bsn, sinds: sinds ?? TEST_DAY });
  }
  return result.sort((a, b) => a.sinds.localeCompare(b.sinds) || a.bsn.localeCompare(b.bsn));
}

describe('buitenBeeld (out of sight) for a Doorstroomcoach', () => {
  it('uses the sources the register lets the activity use for this signal, and not care (no AVG art. 9 ground)', () => {
    expect(GEBRUIKT).toEqual({ werk: true, uitkering: true, trajecten: true, doorstroom: true, zorg: false });
  });

  it('equals the ground truth exactly over all pages, longest out of sight first', async () => {
    const gezien: { bsn: string; sinds: string; dagen: number }[] = [];
    let na: string | null = null;
    let totaal = 0;
    do {
      const { body } = await gqlAs(system, coach, 'query ($na: String) { buitenBeeld(eerste: 25, na: $na) { totaal bronnen volgendeCursor items { sinds dagenBuitenBeeld jongere { bsn } } } }', { na });
      expect(body.errors).toBeUndefined();
      expect(body.data.buitenBeeld.bronnen).toEqual(BRONNEN);
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
    // A source the activity may not use for this signal is not asked at all.
    expect([calls.participatie > 0, calls.leerplicht > 0, calls.zorg > 0]).toEqual([GEBRUIKT.werk || GEBRUIKT.uitkering || GEBRUIKT.trajecten, GEBRUIKT.doorstroom, GEBRUIKT.zorg]);
    expect(calls.brp).toBeGreaterThan(0);
    console.log(`buitenBeeld: ${kandidaten} candidates after education, ${body.data.buitenBeeld.totaal} out of sight; source calls ${JSON.stringify(calls)}`);
  });

  it('is refused under an activity without signalering (the Jongerenloket) before any source is asked', async () => {
    for (const sim of Object.values(system.simulators)) sim.resetCalls();
    const { body } = await gqlAs(system, { role: 'jongerenloket', org: 'GM0518', activity: 'jongerenloket-intake' }, '{ buitenBeeld { totaal } }');
    expect(body.errors![0].extensions).toMatchObject({ code: 'NO_LEGAL_BASIS', category: 'signalering' });
    expect(system.simulators.participatie.callCount('POST /klanten/opvragen')).toBe(0);
  });
});
