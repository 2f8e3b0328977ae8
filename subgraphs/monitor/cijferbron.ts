import { createHash, createHmac, randomBytes } from 'node:crypto';
import { isoDate, type Clock } from '../../lib/domain/dates';
import type { RegionRegistry } from '../../lib/domain/regions';
import type { Register } from '../../policies/types';
import type { CijferStore } from '../../stores/cijfers';
import { beschermingsniveau, recordSleutels, RUISTABEL, verstoor, zichtbaar, type Ruistabel } from './celsleutel';
import { extraheer, type Extractieverslag, type MonitorBronnen } from './extractie';
import { gepubliceerdePeriodes, parsePeriode } from './periode';
import { bouwTabel, type Cijfertabel } from './tabel';

/** Where the figures come from: computed once per version of the inputs, stored, and read from the store by every replica. */
export interface Cijferbron {
  tabel(): Promise<Cijfertabel>;
  /** The threshold below which a (perturbed) count is not shown (MONITOR_DREMPEL). */
  readonly drempel: number;
  /** The method and its parameters, as published with the figures. */
  readonly bescherming: { methode: 'CELSLEUTEL'; maxRuis: number; drempel: number; beschermingsniveau: number; toelichting: string };
  /** A count entered by hand (a programme result), published by the figures' rules: perturbed with a key of `sleutel`, null when small. */
  publiceerAantal(n: number | null, sleutel: string): Promise<number | null>;
  /** What the last computation read (for the log and the benchmark); null before the first. */
  laatsteVerslag(): (Extractieverslag & { ms: number; uitOpslag: boolean }) | null;
}

/** The settings of the figures' protection a deployment may give (the rest of CijferbronOptions is wiring). */
export type MonitorInstellingen = Pick<CijferbronOptions, 'drempel' | 'celsleutel' | 'ruis'>;

export interface CijferbronOptions {
  bronnen: MonitorBronnen;
  regions: RegionRegistry;
  /** The register, for the storage terms of the education rows. */
  register: Register;
  clock: Clock;
  /** Where the published tables and the cell key secret are kept. */
  opslag: CijferStore;
  /** The cell key secret (MONITOR_CELSLEUTEL); when absent, the one in the store (made on first use). */
  celsleutel?: string;
  /** Perturbed counts from 1 to this minus one are not shown (MONITOR_DREMPEL). Default 10. */
  drempel?: number;
  /** The perturbation table; set from code only (the tests of the counting use ZONDER_RUIS). */
  ruis?: Ruistabel;
  /** How often to look for new education deliveries (ms). Default 60000. */
  controleMs?: number;
  log?: (line: string) => void;
}

export function cijferbron(o: CijferbronOptions): Cijferbron {
  const drempel = o.drempel ?? 10;
  if (!Number.isInteger(drempel) || drempel < 1) throw new RangeError(`MONITOR_DREMPEL must be a positive integer; received ${o.drempel}`);
  if (o.celsleutel !== undefined) recordSleutels(o.celsleutel); // refuses a short secret at start
  const ruis = o.ruis ?? RUISTABEL;
  const log = o.log ?? (() => {});
  const afnemers = o.regions.all('DOORSTROOMPUNTREGIO').map((r) => r.code);
  let huidig: { sleutel: string; tabel: Promise<Cijfertabel> } | null = null;
  let gecontroleerd = { op: 0, sleutel: '' };
  let verslag: ReturnType<Cijferbron['laatsteVerslag']> = null;
  let geheim: Promise<string> | null = null;
  const celGeheim = () => (geheim ??= (o.celsleutel !== undefined ? Promise.resolve(o.celsleutel) : o.opslag.geheim(randomBytes(32).toString('hex')))
    .catch((e: Error) => { geheim = null; throw e; }));

  /** The regions the figures are published for: a changed area is a new table. */
  const gebied = JSON.stringify(o.regions.all().map((r) => [r.code, r.gemeenten]));
  /**
   * The version of the inputs: the month (a month closes), the education deliveries there are, and
   * the protection (threshold, noise table, area, and a fingerprint of the cell key secret, so a
   * new secret or area never serves a table made with the old one).
   */
  const versie = async (): Promise<string> => {
    const nu = Date.now();
    const maand = isoDate(o.clock()).slice(0, 7);
    if (gecontroleerd.sleutel.startsWith(maand) && nu - gecontroleerd.op < (o.controleMs ?? 60_000)) return gecontroleerd.sleutel;
    const ids = (await Promise.all(afnemers.map((a) => o.bronnen.onderwijs.leveringen(a)))).flat().map((l) => l.id).sort();
    const vingerafdruk = createHmac('sha256', await celGeheim()).update('versie').digest('hex').slice(0, 8);
    const bescherming = createHash('sha256').update(JSON.stringify([drempel, ruis, gebied, vingerafdruk])).digest('hex').slice(0, 12);
    gecontroleerd = { op: nu, sleutel: `${maand}:${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 16)}:${bescherming}` };
    return gecontroleerd.sleutel;
  };

  const bereken = async (sleutel: string): Promise<Cijfertabel> => {
    const start = Date.now();
    const opgeslagen = await o.opslag.lees(sleutel).catch((e: Error) => { log(`monitor: could not read stored figures (${e.message})`); return null; });
    if (opgeslagen) {
      verslag = { personen: 0, leveringen: 0, aanroepen: {}, ms: Date.now() - start, uitOpslag: true };
      return { berekendOp: opgeslagen.berekendOp, periodes: opgeslagen.periodes.map(parsePeriode), drempel: opgeslagen.drempel, rijen: new Map(opgeslagen.rijen) };
    }
    const today = isoDate(o.clock());
    const recordSleutel = recordSleutels(await celGeheim());
    const { personen, verslag: v } = await extraheer(o.bronnen, o.regions.gemeenten().map((g) => g.code), afnemers, { register: o.register, today: o.clock() }, recordSleutel);
    const tabel = bouwTabel(personen, o.regions, gepubliceerdePeriodes(today), { drempel, ruis }, today);
    personen.length = 0; // nothing person-level outlives the computation
    verslag = { ...v, ms: Date.now() - start, uitOpslag: false };
    await o.opslag.bewaar(sleutel, { berekendOp: tabel.berekendOp, periodes: tabel.periodes.map((p) => p.code), drempel, rijen: [...tabel.rijen] })
      .catch((e: Error) => log(`monitor: could not store the figures (${e.message}); serving them from memory`));
    log(`monitor: figures for ${today} from ${v.personen} people in ${verslag.ms} ms (${tabel.rijen.size} region-periods stored)`);
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
    async publiceerAantal(n, sleutel) {
      if (n === null) return null;
      const u = createHmac('sha256', await celGeheim()).update(`programma|${sleutel}`).digest().readUInt32BE(0);
      return zichtbaar(verstoor(n, u, ruis), drempel);
    },
    laatsteVerslag: () => verslag,
    drempel,
    bescherming: {
      methode: 'CELSLEUTEL', maxRuis: ruis.max, drempel, beschermingsniveau: beschermingsniveau(ruis),
      toelichting: `Cijfers zijn verstoord met de cell key method (per gemeente, leeftijdsklasse en maand hooguit ${ruis.max} naar boven of beneden); `
        + `regio's, totalen en kwartalen zijn sommen daarvan. Waarden van 1 tot en met ${drempel - 1} worden niet getoond (×).`,
    },
  };
}
