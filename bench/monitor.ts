import { createHaalCentraalBrp } from '../adapters/brp/haal-centraal/client';
import { createReferentieLeerplicht } from '../adapters/leerplicht/referentie/client';
import { createDuoLevering } from '../adapters/onderwijs/duo-levering/client';
import { createReferentieParticipatie } from '../adapters/participatie/referentie/client';
import { createReferentieZorg } from '../adapters/zorg/referentie/client';
import { close, listen } from '../lib/http';
import { connectRedis } from '../lib/redis';
import { loadRegister } from '../policies/register';
import { Population } from '../population/generator';
import { createSimulator, type SimulatorName } from '../simulators';
import { cijferbron } from '../subgraphs/monitor/cijferbron';
import { mb, percentile, printTable } from './table';

/**
 * The monitor's figures over growing populations, side by side: the first computation (every
 * domain read in batches, joined on pseudonyms, counted for 31 periods, suppressed as one table),
 * an answer from the cache, a second replica taking the table from Redis, and the recomputation
 * after a new education delivery.
 */
export async function benchMonitor(sizes: number[]): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  const register = loadRegister();
  const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', () => {});
  for (let i = 0; i < 100 && !redis.isReady; i++) await new Promise((r) => setTimeout(r, 20));
  for (const size of sizes) {
    const population = new Population({ size, seed: 20260101, peildatum: '2026-11-01' });
    const clock = () => new Date('2026-11-01T12:00:00Z');
    const sims = {} as Record<SimulatorName, { server: ReturnType<typeof createSimulator>; url: string }>;
    for (const name of ['brp', 'leerplicht', 'participatie', 'zorg', 'duo'] as const) {
      const server = createSimulator(name, population, clock);
      sims[name] = { server, url: await listen(server.server, 0) };
      await server.warm();
    }
    const bron = (name: SimulatorName) => ({ baseUrl: sims[name].url, timeoutMs: 120_000 });
    const bronnen = { brp: createHaalCentraalBrp(bron('brp')), doorstroom: createReferentieLeerplicht(bron('leerplicht')), participatie: createReferentieParticipatie(bron('participatie')),
      zorg: createReferentieZorg(bron('zorg')), onderwijs: createDuoLevering(bron('duo')) };
    // A cache namespace per run: the simulators' delivery ids repeat across populations, a real DUO's do not.
    const opties = { bronnen, regions: population.regions, register, clock, controleMs: 0, redis, cacheNaam: `jf:bench:${size}:${Date.now()}` };
    global.gc?.();
    const monitor = cijferbron(opties);
    const t0 = Date.now();
    const tabel = await monitor.tabel();
    const koud = Date.now() - t0;
    const heap = process.memoryUsage().heapUsed;
    const v = monitor.laatsteVerslag()!;
    const warm: number[] = [];
    for (let i = 0; i < 50; i++) { const s = process.hrtime.bigint(); await monitor.tabel(); warm.push(Number(process.hrtime.bigint() - s) / 1e6); }
    warm.sort((a, b) => a - b);
    const t1 = Date.now();
    const replica = cijferbron(opties);
    await replica.tabel();
    const uitRedis = replica.laatsteVerslag()!.uitCache ? `${Date.now() - t1}` : 'n/a (no Redis)';
    // A new delivery: DUO's full delivery on request for one region.
    await bronnen.onderwijs.volledig('DP-HAAGLANDEN');
    const t2 = Date.now();
    await monitor.tabel();
    const opnieuw = Date.now() - t2;
    rows.push({
      people: population.size, 'counted': v.personen, 'source calls': Object.values(v.aanroepen).reduce((s, n) => s + n, 0), cells: tabel.ruw.size,
      suppressed: `${tabel.onderdrukt.size} (${((100 * tabel.onderdrukt.size) / tabel.ruw.size).toFixed(0)}%)`,
      'first s': (koud / 1000).toFixed(1), 'cached p50 ms': percentile(warm, 50).toFixed(2), 'cached p99 ms': percentile(warm, 99).toFixed(2),
      'replica from Redis ms': uitRedis, 'after new delivery s': (opnieuw / 1000).toFixed(1), 'heap after MB': mb(heap),
    });
    for (const s of Object.values(sims)) await close(s.server.server);
  }
  await redis.quit().catch(() => undefined);
  printTable('Monitor: figures for every region, band and published period (31), computed once and cached', rows);
}
