import { randomBytes } from 'node:crypto';
import { connectRedis } from '../../lib/redis';
import { demoRegions } from '../../lib/regions';
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

describe('the monitor\'s figures are computed once and cached', () => {
  const regions = demoRegions();
  const register = loadRegister();

  it('recomputes only when a new education delivery arrives or a month closes', async () => {
    const { b, leveringen, berekeningen } = bronnen();
    let today = new Date('2026-11-10T12:00:00Z');
    const bron = cijferbron({ bronnen: b, regions, register, clock: () => today, controleMs: 0 });
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

  it('shares the published table between replicas through Redis, without the suppressed counts', async () => {
    const redis = connectRedis('redis://127.0.0.1:6379', () => {});
    try {
      for (let i = 0; i < 500 && !redis.isReady; i++) await new Promise((r) => setTimeout(r, 20));
      const { b, berekeningen } = bronnen();
      const clock = () => new Date('2026-11-10T12:00:00Z');
      const cacheNaam = `jf:test:${randomBytes(6).toString('hex')}`;
      const a = await cijferbron({ bronnen: b, regions, register, clock, redis, cacheNaam }).tabel();
      const replica = cijferbron({ bronnen: b, regions, register, clock, redis, cacheNaam });
      const gedeeld = await replica.tabel();
      expect(berekeningen()).toBe(1);
      expect(a.onderdrukt.size).toBeGreaterThan(0); // the one person's cells are small
      expect(replica.laatsteVerslag()!.uitCache).toBe(true);
      expect(gedeeld.onderdrukt).toEqual(a.onderdrukt);
      for (const k of a.onderdrukt.keys()) expect(gedeeld.ruw.has(k)).toBe(false);
      expect([...gedeeld.ruw].every(([k, v]) => a.ruw.get(k) === v)).toBe(true);
    } finally {
      await redis.quit();
    }
  });

  it('refuses a threshold that is not a positive integer', () => {
    expect(() => cijferbron({ bronnen: bronnen().b, regions, register, clock: () => new Date(), drempel: 0 })).toThrow(/MONITOR_DREMPEL/);
  });
});
