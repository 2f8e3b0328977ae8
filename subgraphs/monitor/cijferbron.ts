import { createHash } from 'node:crypto';
import type { RedisClientType } from 'redis';
import { isoDate, type Clock } from '../../lib/dates';
import type { RegionRegistry } from '../../lib/regions';
import type { Register } from '../../policies/types';
import { extraheer, type Extractieverslag, type MonitorBronnen } from './extractie';
import type { Reden } from './onderdrukking';
import { gepubliceerdePeriodes, parsePeriode } from './periode';
import { bouwTabel, type Cijfertabel } from './tabel';

/** Where the figures come from: computed on demand, cached until a new education delivery arrives or a month closes. */
export interface Cijferbron {
  tabel(): Promise<Cijfertabel>;
  /** The suppression threshold every published count follows (MONITOR_DREMPEL). */
  readonly drempel: number;
  /** What the last computation read (for the log and the benchmark); null before the first. */
  laatsteVerslag(): (Extractieverslag & { ms: number; uitCache: boolean }) | null;
}

export interface CijferbronOptions {
  bronnen: MonitorBronnen;
  regions: RegionRegistry;
  /** The register, for the storage terms of the education rows. */
  register: Register;
  clock: Clock;
  /** Cells below this are suppressed (MONITOR_DREMPEL). Default 10. */
  drempel?: number;
  /** How often to look for new education deliveries (ms). Default 60000. */
  controleMs?: number;
  /** Shares computed tables between replicas (only published cells are stored). */
  redis?: RedisClientType | null;
  /** The Redis key prefix (replicas of one deployment share it). Default `jf:monitor:tabel`. */
  cacheNaam?: string;
  log?: (line: string) => void;
}

interface Opgeslagen { berekendOp: string; periodes: string[]; drempel: number; waarden: [string, number][]; onderdrukt: [string, Reden][] }

export function cijferbron(o: CijferbronOptions): Cijferbron {
  const drempel = o.drempel ?? 10;
  if (!Number.isInteger(drempel) || drempel < 1) throw new RangeError(`MONITOR_DREMPEL must be a positive integer; received ${o.drempel}`);
  const log = o.log ?? (() => {});
  const afnemers = o.regions.all('DOORSTROOMPUNTREGIO').map((r) => r.code);
  let huidig: { sleutel: string; tabel: Promise<Cijfertabel> } | null = null;
  let gecontroleerd = { op: 0, sleutel: '' };
  let verslag: ReturnType<Cijferbron['laatsteVerslag']> = null;

  /** The version of the inputs: the month (a month closes) and the education deliveries there are. */
  const versie = async (): Promise<string> => {
    const nu = Date.now();
    const maand = isoDate(o.clock()).slice(0, 7);
    if (gecontroleerd.sleutel.startsWith(maand) && nu - gecontroleerd.op < (o.controleMs ?? 60_000)) return gecontroleerd.sleutel;
    const ids = (await Promise.all(afnemers.map((a) => o.bronnen.onderwijs.leveringen(a)))).flat().map((l) => l.id).sort();
    gecontroleerd = { op: nu, sleutel: `${maand}:${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16)}:${drempel}` };
    return gecontroleerd.sleutel;
  };

  const bereken = async (sleutel: string): Promise<Cijfertabel> => {
    const start = Date.now();
    const redisKey = `${o.cacheNaam ?? 'jf:monitor:tabel'}:${sleutel}`;
    const gedeeld = o.redis?.isReady ? await o.redis.get(redisKey).catch(() => null) : null;
    if (gedeeld) {
      const s = JSON.parse(gedeeld) as Opgeslagen;
      verslag = { personen: 0, leveringen: 0, aanroepen: {}, ms: Date.now() - start, uitCache: true };
      return { berekendOp: s.berekendOp, periodes: s.periodes.map(parsePeriode), drempel: s.drempel, ruw: new Map(s.waarden), onderdrukt: new Map(s.onderdrukt) };
    }
    const today = isoDate(o.clock());
    const { personen, verslag: v } = await extraheer(o.bronnen, o.regions.gemeenten().map((g) => g.code), afnemers, { register: o.register, today: o.clock() });
    const tabel = bouwTabel(personen, o.regions, gepubliceerdePeriodes(today), drempel, today);
    personen.length = 0; // nothing person-level outlives the computation
    verslag = { ...v, ms: Date.now() - start, uitCache: false };
    log(`monitor: figures for ${today} from ${v.personen} people in ${verslag.ms} ms (${tabel.onderdrukt.size} of ${tabel.ruw.size} cells suppressed)`);
    if (o.redis?.isReady) {
      const opslag: Opgeslagen = { berekendOp: tabel.berekendOp, periodes: tabel.periodes.map((p) => p.code), drempel,
        waarden: [...tabel.ruw].filter(([k]) => !tabel.onderdrukt.has(k)), onderdrukt: [...tabel.onderdrukt] };
      await o.redis.set(redisKey, JSON.stringify(opslag), { PX: 35 * 24 * 3600_000 }).catch((e: Error) => log(`monitor: could not share figures in Redis (${e.message})`));
    }
    return tabel;
  };

  return {
    async tabel() {
      const sleutel = await versie();
      if (!huidig || huidig.sleutel !== sleutel) {
        const tabel = bereken(sleutel);
        huidig = { sleutel, tabel };
        tabel.catch(() => { if (huidig?.tabel === tabel) huidig = null; });
      }
      return huidig.tabel;
    },
    laatsteVerslag: () => verslag,
    drempel,
  };
}
