import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createHaalCentraalBrp } from '../adapters/brp/haal-centraal/client';
import { createReferentieLeerplicht } from '../adapters/leerplicht/referentie/client';
import { createDuoLevering } from '../adapters/onderwijs/duo-levering/client';
import { createReferentieParticipatie } from '../adapters/participatie/referentie/client';
import { createReferentieZorg } from '../adapters/zorg/referentie/client';
import { close, listen } from '../lib/http/http';
import { loadRegister } from '../policies/register';
import { Population } from '../population/generator';
import { createSimulator, type SimulatorName } from '../simulators';
import { PostgresCijferStore, SqliteCijferStore, type CijferStore } from '../stores/cijfers';
import { recordSleutels, RUISTABEL } from '../subgraphs/monitor/celsleutel';
import { cijferbron } from '../subgraphs/monitor/cijferbron';
import { extraheer } from '../subgraphs/monitor/extractie';
import type { Persoonsfeiten } from '../subgraphs/monitor/feiten';
import { gepubliceerdePeriodes } from '../subgraphs/monitor/periode';
import { bouwTabel, rijSleutel } from '../subgraphs/monitor/tabel';
import { mb, percentile, printTable } from './table';

const DAG = '2026-11-01';
const clock = () => new Date(`${DAG}T12:00:00Z`);

/**
 * The monitor's figures, side by side in one run:
 * 1. end to end on the demo population (simulators over HTTP in this process): the first
 *    computation, a second replica reading the stored table (SQLite and the machine's PostgreSQL),
 *    serving one region's figures, and the recomputation after a new DUO delivery;
 * 2. the protection itself (atoms, cell keys, sums over every region, band and period) for
 *    100,000 and 1,000,000 people: the demo population's extracted facts replicated with fresh
 *    record keys, so the distribution is real and only the reading of the sources is left out.
 */
export async function benchMonitor(grootten: number[]): Promise<void> {
  const register = loadRegister();
  const population = new Population({ size: 10_000, seed: 20260101, peildatum: DAG });
  const regions = population.regions;
  const sims = {} as Record<SimulatorName, { server: ReturnType<typeof createSimulator>; url: string }>;
  for (const name of ['brp', 'leerplicht', 'participatie', 'zorg', 'duo'] as const) {
    const server = createSimulator(name, population, clock);
    sims[name] = { server, url: await listen(server.server, 0) };
    await server.warm();
  }
  const bron = (name: SimulatorName) => ({ baseUrl: sims[name].url, timeoutMs: 120_000 });
  const bronnen = { brp: createHaalCentraalBrp(bron('brp')), doorstroom: createReferentieLeerplicht(bron('leerplicht')), participatie: createReferentieParticipatie(bron('participatie')),
    zorg: createReferentieZorg(bron('zorg')), onderwijs: createDuoLevering(bron('duo')) };
  const pool = new Pool({ connectionString: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', max: 4, connectionTimeoutMillis: 2000 });
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const pgBeschikbaar = await pool.query('SELECT 1').then(() => true, () => false);
  const celsleutel = randomBytes(32).toString('hex');
  const rows: Record<string, string | number>[] = [];
  try {
    const opslagen: [string, CijferStore][] = [['SQLite', new SqliteCijferStore(':memory:')], ...(pgBeschikbaar ? [['PostgreSQL', new PostgresCijferStore(pool, schema)] as [string, CijferStore]] : [])];
    for (const [n, [naam, opslag]] of opslagen.entries()) {
      const opties = { bronnen, regions, register, clock, controleMs: 0, opslag, celsleutel };
      global.gc?.();
      const monitor = cijferbron(opties);
      const t0 = Date.now();
      const tabel = await monitor.tabel();
      const eerste = Date.now() - t0;
      const v = monitor.laatsteVerslag()!;
      const t1 = Date.now();
      const replica = cijferbron({ ...opties, controleMs: 60_000 });
      await replica.tabel();
      const vanOpslag = replica.laatsteVerslag()!.uitOpslag ? `${Date.now() - t1}` : 'computed';
      // Serving a region's figures: what the resolver does per request (the stored table, one row), deliveries checked once a minute.
      const dienen: number[] = [];
      for (let i = 0; i < 1000; i++) {
        const s = process.hrtime.bigint();
        (await replica.tabel()).rijen.get(rijSleutel('DP-HAAGLANDEN', '2026-10'));
        dienen.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
      dienen.sort((a, b) => a - b);
      await bronnen.onderwijs.volledig(regions.all('DOORSTROOMPUNTREGIO')[n].code); // a new delivery: DUO's full delivery on request
      const t2 = Date.now();
      await monitor.tabel();
      rows.push({
        store: naam, people: v.personen, 'source calls': Object.values(v.aanroepen).reduce((s, n) => s + n, 0), 'region-periods': tabel.rijen.size,
        'first computation s': (eerste / 1000).toFixed(1), 'serve a region p50 / p99 ms': `${percentile(dienen, 50).toFixed(3)} / ${percentile(dienen, 99).toFixed(3)}`,
        'second replica from store ms': vanOpslag, 'after new delivery s': ((Date.now() - t2) / 1000).toFixed(1),
      });
    }
    printTable('Monitor end to end: the demo population (10,000) through the simulators, all 32 published periods, stored', rows);

    // The protection alone, on replicated facts.
    const { personen } = await extraheer(bronnen, regions.gemeenten().map((g) => g.code), regions.all('DOORSTROOMPUNTREGIO').map((r) => r.code), { register, today: clock() }, recordSleutels(celsleutel));
    const periodes = gepubliceerdePeriodes(DAG);
    const maand = periodes.filter((p) => p.soort === 'MAAND').slice(-1);
    const schaal: Record<string, string | number>[] = [];
    for (const grootte of grootten) {
      const feiten: Persoonsfeiten[] = [];
      for (let i = 0; feiten.length < grootte; i++) {
        const p = personen[i % personen.length];
        feiten.push({ ...p, sleutel: randomBytes(4).readUInt32BE(0) });
      }
      global.gc?.();
      const heap0 = process.memoryUsage().heapUsed;
      const t0 = Date.now();
      bouwTabel(feiten, regions, maand, { drempel: 10, ruis: RUISTABEL }, DAG);
      const eenMs = Date.now() - t0;
      const t1 = Date.now();
      const alle = bouwTabel(feiten, regions, periodes, { drempel: 10, ruis: RUISTABEL }, DAG);
      const alleMs = Date.now() - t1;
      const heap = process.memoryUsage().heapUsed;
      const waarden = [...alle.rijen.values()].flatMap((r) => Object.values(r).flat());
      schaal.push({
        people: feiten.length, 'one month s': (eenMs / 1000).toFixed(1), 'all 32 periods s': (alleMs / 1000).toFixed(1), 'per period s': (alleMs / 1000 / periodes.length).toFixed(2),
        cells: waarden.length, 'not shown': `${waarden.filter((w) => w === null).length} (${((100 * waarden.filter((w) => w === null).length) / waarden.length).toFixed(0)}%)`,
        'heap growth MB': mb(heap - heap0), 'region-periods': alle.rijen.size,
      });
      feiten.length = 0;
    }
    printTable('Monitor protection (cell key method) on the demo population\'s facts replicated with fresh record keys', schaal);
  } finally {
    for (const s of Object.values(sims)) await close(s.server.server);
    if (pgBeschikbaar) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await pool.end();
  }
}
