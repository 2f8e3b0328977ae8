import type { RegionRegistry } from '../../lib/domain/regions';
import type { Cijferrij } from '../../stores/cijfers';
import { plusSleutel, verstoor, zichtbaar, type Ruistabel } from './celsleutel';
import type { Persoonsfeiten } from './feiten';
import { INDICATOREN, LEEFTIJDSKLASSEN, type Klasse } from './indicatoren';
import type { Periode } from './periode';

export const KLASSEN: Klasse[] = [...LEEFTIJDSKLASSEN.map((k) => k.code), 'TOTAAL'];


/** Every published figure, computed once for all periods and protected as one system. */
export interface Cijfertabel {
  /** ISO date the figures were computed on (the last closed month is the newest period). */
  berekendOp: string;
  periodes: Periode[];
  drempel: number;
  /** Per `regio|periode`: per indicator the values for each of KLASSEN, null where unpublished; never a true count. */
  rijen: Map<string, Cijferrij>;
}

export const rijSleutel = (regio: string, periode: string) => `${regio}|${periode}`;

/** How the figures are protected: the perturbation table and the threshold below which a (perturbed) value is not shown. */
export interface Bescherming { ruis: Ruistabel; drempel: number }

/**
 * Counts every indicator for every published period and protects all tables together with the
 * cell key method, so that no combination of published figures undoes it:
 *
 * 1. The smallest cells are *atoms*: the people of one municipality and age band who, in one
 *    month, have the same answer to every indicator of a kind (for a stock: in or out of each; for a
 *    flow: how many events of each). Every published figure — any region, band, period or
 *    indicator — is a sum of atoms, so linked indicators (a subset, a difference) share them.
 * 2. Each atom's count is perturbed once, with its members' cell key.
 * 3. Everything else is *added up from the perturbed atoms*: a municipality's indicator, the
 *    arbeidsmarktregio's, Doorstroompunt regions, provinces and the country, the band totals, and a
 *    flow's quarter from its months (a stock's quarter is its last month). Published figures are
 *    therefore exactly additive, and every figure an analyst can combine is a function of the
 *    perturbed atoms: differencing yields perturbed atoms, never a true count.
 * 4. A value from 1 to `drempel` - 1 is not published (null); why is not said.
 */
export function bouwTabel(personen: Persoonsfeiten[], regions: RegionRegistry, periodes: Periode[], bescherming: Bescherming, berekendOp: string): Cijfertabel {
  const { drempel, ruis } = bescherming;
  const gemeenten = regions.gemeenten().map((g) => g.code);
  const gIndex = new Map(gemeenten.map((g, i) => [g, i]));
  const nI = INDICATOREN.length;
  const bI = LEEFTIJDSKLASSEN.length;
  const standen = INDICATOREN.map((ind, i) => ({ ind, i })).filter((x) => x.ind.soort === 'STAND');
  const stromen = INDICATOREN.map((ind, i) => ({ ind, i })).filter((x) => x.ind.soort === 'STROOM');
  const binnen = personen.filter((p) => gIndex.has(p.gemeente));
  const maanden = periodes.filter((p) => p.soort === 'MAAND');

  /** Per month: the perturbed values per municipality (index g * bI + band) and indicator. */
  const perMaand = new Map<string, Float64Array>();
  const maandIndex = new Map(maanden.map((m, i) => [m.code, i]));
  const atomen = maanden.map(() => new Map<string, { g: number; b: number; vector: number[]; n: number; sleutel: number }>());
  const voeg = (m: number, g: number, b: number, vector: number[], k: string, sleutel: number) => {
    const a = atomen[m].get(k);
    if (a) { a.n++; a.sleutel = plusSleutel(a.sleutel, sleutel); } else atomen[m].set(k, { g, b, vector, n: 1, sleutel });
  };
  const eerste = maanden[0]?.begin ?? '';
  const laatste = maanden.at(-1)?.einde ?? '';
  for (const p of binnen) {
    const g = gIndex.get(p.gemeente)!;
    // Stocks: who counts on each month's last day, in their band then (one atom key: the bits of the stock indicators).
    maanden.forEach((maand, m) => {
      const b = bandOp(p.geboortedatum, maand.einde);
      if (b < 0) return;
      let bits = 0;
      for (const { ind, i } of standen) if (ind.telt!(p, maand.einde)) bits |= 2 ** i;
      voeg(m, g, b, vectorVan(bits, nI), `S|${g}|${b}|${bits}`, p.sleutel);
    });
    // Flows: the person's events in the whole window once, each in its month and the band of the age at the event.
    let perMaandBand: Map<number, number[]> | null = null;
    for (const { ind, i } of stromen) {
      for (const d of ind.gebeurtenissen!(p, eerste, laatste)) {
        const m = maandIndex.get(d.slice(0, 7));
        const b = bandOp(p.geboortedatum, d);
        if (m === undefined || b < 0) continue;
        perMaandBand ??= new Map();
        const k = m * bI + b;
        let vector = perMaandBand.get(k);
        if (!vector) perMaandBand.set(k, (vector = new Array<number>(nI).fill(0)));
        vector[i]++;
      }
    }
    if (perMaandBand) for (const [k, vector] of perMaandBand) voeg(Math.floor(k / bI), g, k % bI, vector, `F|${g}|${k % bI}|${vector.join(',')}`, p.sleutel);
  }
  maanden.forEach((maand, m) => {
    const waarden = new Float64Array(gemeenten.length * bI * nI);
    for (const a of atomen[m].values()) {
      const gepubliceerd = verstoor(a.n, a.sleutel, ruis);
      if (gepubliceerd === 0) continue;
      const basis = (a.g * bI + a.b) * nI;
      for (let i = 0; i < nI; i++) if (a.vector[i]) waarden[basis + i] += a.vector[i] * gepubliceerd;
    }
    atomen[m].clear();
    perMaand.set(maand.code, waarden);
  });

  // Quarters: a flow's is the sum of its months, a stock's its last month.
  const perPeriode = new Map(perMaand);
  for (const q of periodes.filter((p) => p.soort === 'KWARTAAL')) {
    const waarden = new Float64Array(gemeenten.length * bI * nI);
    const laatste = perMaand.get(q.maanden[2])!;
    for (let c = 0; c < waarden.length; c++) {
      const ind = INDICATOREN[c % nI];
      waarden[c] = ind.soort === 'STAND' ? laatste[c] : q.maanden.reduce((s, m) => s + perMaand.get(m)![c], 0);
    }
    perPeriode.set(q.code, waarden);
  }

  // Every region is the sum of its municipalities, every total the sum of its bands.
  const rijen = new Map<string, Cijferrij>();
  const regioLeden = regions.all().map((r) => ({ code: r.code, leden: (r.soort === 'GEMEENTE' ? [r.code] : r.gemeenten).filter((g) => gIndex.has(g)).map((g) => gIndex.get(g)!) }));
  for (const periode of periodes) {
    const waarden = perPeriode.get(periode.code)!;
    for (const { code, leden } of regioLeden) {
      const rij: Cijferrij = {};
      INDICATOREN.forEach((ind, i) => {
        const banden = LEEFTIJDSKLASSEN.map((_, b) => leden.reduce((s, g) => s + waarden[(g * bI + b) * nI + i], 0));
        rij[ind.code] = [...banden, banden.reduce((s, n) => s + n, 0)].map((n) => zichtbaar(n, drempel));
      });
      rijen.set(rijSleutel(code, periode.code), rij);
    }
  }
  return { berekendOp, periodes, drempel, rijen };
}

/**
 * The index of the age band someone born on `geboortedatum` is in on day `d` (-1: none), as
 * `klasse` in indicatoren.ts decides it, by comparing dates as strings: age >= A on d exactly when
 * the birth date moved A years on is not after d.
 */
function bandOp(geboortedatum: string, d: string): number {
  const jaar = Number(geboortedatum.slice(0, 4));
  const rest = geboortedatum.slice(4);
  const oud = (a: number) => `${jaar + a}${rest}` <= d;
  if (!oud(LEEFTIJDSKLASSEN[0].van) || oud(LEEFTIJDSKLASSEN.at(-1)!.tot)) return -1;
  for (let b = LEEFTIJDSKLASSEN.length - 1; b >= 0; b--) if (oud(LEEFTIJDSKLASSEN[b].van)) return b;
  return -1;
}

const vectoren = new Map<number, number[]>();
/** The 0/1 vector of a set of stock indicators (shared between atoms with the same bits). */
function vectorVan(bits: number, n: number): number[] {
  let v = vectoren.get(bits * 64 + n);
  if (!v) vectoren.set(bits * 64 + n, (v = Array.from({ length: n }, (_, i) => (Math.floor(bits / 2 ** i) % 2))));
  return v;
}
