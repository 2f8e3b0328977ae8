import { randomBytes } from 'node:crypto';
import { SqliteCijferStore } from '../../stores/cijfers';
import { demoRegions } from '../../lib/domain/regions';
import { loadRegister } from '../../policies/register';
import type { MonitorBronnen } from './extractie';
import { cijferbron } from './cijferbron';

/** Sources with one young person of Den Haag in them (a small cell), and a delivery list the test changes. */
function bronnen() {
  const leveringen: string[] = [randomBytes(6).toString('hex')];
  let zoekopdrachten = 0;
  const leeg = async () => new Map();
  const bsn = '999995145';
  const b: MonitorBronnen = {
    brp: { batchSize: 20, zoek: async () => [], personen: async (bsns) => new Map(bsns.filter((x) => x === bsn).map((x) => [x, {
      bsn: x, voornamen: 'Roos', voorvoegsel: null, geslachtsnaam: 'Janssen', volledigeNaam: 'Roos Janssen', geslacht: 'V', geboortedatum: '2007-07-26',
      overlijdensdatum: null, nationaliteiten: [], gemeenteCode: 'GM0518', adres: null }])) },
    doorstroom: { batchSize: 100, maxPageSize: 1000, dossiers: leeg, zoek: async () => { zoekopdrachten++; return { totaal: 1, bsns: [bsn], meer: false }; } },
    participatie: { batchSize: 100, dossiers: leeg, aantallen: async () => ({ metUitkering: 0, metTraject: 0, jongerenInBeeld: 0 }) },
    zorg: { batchSize: 100, toewijzingen: leeg, aantallen: async () => ({ jeugdwet: 0, wmo: 0 }) },
    onderwijs: {
      leveringen: async (afnemer) => leveringen.map((id) => ({ id: `${afnemer}-${id}`, soort: 'P' as const, afnemer, van: '2026-10-01', tot: '2026-10-08', aantalRegels: 0 })),
      bestand: async () => 'soort;regelId;bsn;woongemeente;brin;instelling;onderwijssoort;niveau;leerweg;opleidingscode;opleiding;datum;inschrijvingId\n',
      volledig: async () => { throw new Error('not used'); },
    },
  };
  return { b, leveringen, berekeningen: () => zoekopdrachten };
}

describe('the monitor\'s figures are computed once per version and stored', () => {
  const regions = demoRegions();
  const register = loadRegister();

  it('recomputes only when a new education delivery arrives or a month closes', async () => {
    const { b, leveringen, berekeningen } = bronnen();
    let today = new Date('2026-11-10T12:00:00Z');
    const bron = cijferbron({ bronnen: b, regions, register, clock: () => today, controleMs: 0, opslag: new SqliteCijferStore(':memory:') });
    const eerste = await bron.tabel();
    await bron.tabel();
    expect(berekeningen()).toBe(1);
    expect(eerste.periodes.at(-1 - 7)!.code).toBe('2026-10'); // 24 months, then 8 quarters
    leveringen.push(randomBytes(6).toString('hex'));
    await bron.tabel();
    expect(berekeningen()).toBe(2);
    today = new Date('2026-11-30T12:00:00Z');
    await bron.tabel();
    expect(berekeningen()).toBe(2); // same month
    today = new Date('2026-12-01T00:30:00Z');
    const december = await bron.tabel();
    expect(berekeningen()).toBe(3);
    expect(december.periodes.map((p) => p.code)).toContain('2026-11');
  });

  it('stores the published table once for every replica, with only published values and one cell key secret', async () => {
    const { b, berekeningen } = bronnen();
    const clock = () => new Date('2026-11-10T12:00:00Z');
    const opslag = new SqliteCijferStore(':memory:');
    const a = await cijferbron({ bronnen: b, regions, register, clock, opslag }).tabel();
    const replica = cijferbron({ bronnen: b, regions, register, clock, opslag });
    const gedeeld = await replica.tabel();
    expect(berekeningen()).toBe(1);
    expect(replica.laatsteVerslag()!.uitOpslag).toBe(true);
    expect(gedeeld.rijen).toEqual(a.rijen);
    // The one young person of Den Haag is perturbed to 0, 1 or 2 (noise at most their count): published as 0 or not at all.
    const waarden = [...a.rijen.values()].flatMap((r) => Object.values(r).flat());
    expect(waarden.every((w) => w === null || w === 0)).toBe(true);
    // The secret is made once and then kept: a second proposal does not replace it.
    const geheim = await opslag.geheim('x'.repeat(64));
    expect(await opslag.geheim('y'.repeat(64))).toBe(geheim);
    await opslag.close();
  });

  it('never serves a stored table made with another cell key secret', async () => {
    const { b, berekeningen } = bronnen();
    const clock = () => new Date('2026-11-10T12:00:00Z');
    const opslag = new SqliteCijferStore(':memory:');
    await cijferbron({ bronnen: b, regions, register, clock, opslag, celsleutel: 'a'.repeat(40) }).tabel();
    const ander = cijferbron({ bronnen: b, regions, register, clock, opslag, celsleutel: 'b'.repeat(40) });
    await ander.tabel();
    expect(berekeningen()).toBe(2);
    expect(ander.laatsteVerslag()!.uitOpslag).toBe(false);
    await opslag.close();
  });

  it('publishes a hand-entered count like a figure: the same key gives the same value, small ones are not shown', async () => {
    const opslag = new SqliteCijferStore(':memory:');
    const bron = cijferbron({ bronnen: bronnen().b, regions, register, clock: () => new Date(), opslag, celsleutel: 'k'.repeat(40) });
    expect(await bron.publiceerAantal(null, 'm|2026-10')).toBeNull();
    expect(await bron.publiceerAantal(0, 'm|2026-10')).toBe(0);
    expect(await bron.publiceerAantal(3, 'm|2026-10')).toBeNull();
    const gezien = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const w = (await bron.publiceerAantal(100, `m${i}|2026-10`))!;
      expect(Math.abs(w - 100)).toBeLessThanOrEqual(3);
      expect(await bron.publiceerAantal(100, `m${i}|2026-10`)).toBe(w);
      gezien.add(w);
    }
    expect(gezien.size).toBeGreaterThan(3); // perturbed, not rounded to one value
    await opslag.close();
  });

  it('refuses a short cell key secret at start', () => {
    expect(() => cijferbron({ bronnen: bronnen().b, regions, register, clock: () => new Date(), opslag: new SqliteCijferStore(':memory:'), celsleutel: 'kort' })).toThrow(/MONITOR_CELSLEUTEL/);
  });

  it('refuses a threshold that is not a positive integer', () => {
    expect(() => cijferbron({ bronnen: bronnen().b, regions, register, clock: () => new Date(), opslag: new SqliteCijferStore(':memory:'), drempel: 0 })).toThrow(/MONITOR_DREMPEL/);
  });
});
