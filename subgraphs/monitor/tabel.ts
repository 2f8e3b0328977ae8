import type { RegionRegistry } from '../../lib/regions';
import type { Persoonsfeiten } from './feiten';
import { INDICATOREN, LEEFTIJDSKLASSEN, tel, type Klasse } from './indicatoren';
import { onderdruk, type Reden, type Relatie } from './onderdrukking';
import type { Periode } from './periode';

export const KLASSEN: Klasse[] = [...LEEFTIJDSKLASSEN.map((k) => k.code), 'TOTAAL'];
export const celSleutel = (indicator: string, regio: string, periode: string, klasse: Klasse) => `${indicator}|${regio}|${periode}|${klasse}`;

/** Every published figure, computed once and suppressed as one table (so suppression holds across regions, bands and periods). */
export interface Cijfertabel {
  /** ISO date the figures describe (the last closed month's end is the newest period). */
  berekendOp: string;
  periodes: Periode[];
  drempel: number;
  /** Exact counts before suppression: never served, kept for the tests of this module and the benchmark. */
  ruw: Map<string, number>;
  onderdrukt: Map<string, Reden>;
}

/**
 * Counts every indicator for every published period per municipality and age band, adds them up
 * into the arbeidsmarktregio's and Doorstroompunt regions and the band totals (and, for flows, the
 * months into quarters), and suppresses as one table.
 */
export function bouwTabel(personen: Persoonsfeiten[], regions: RegionRegistry, periodes: Periode[], drempel: number, berekendOp: string): Cijfertabel {
  const ruw = new Map<string, number>();
  const relaties: Relatie[] = [];
  const gemeenten = regions.gemeenten().map((g) => g.code);
  const hoger = regions.all().filter((r) => r.soort !== 'GEMEENTE');
  const inGebied = new Set(gemeenten);
  const binnen = personen.filter((p) => inGebied.has(p.gemeente));
  for (const ind of INDICATOREN) {
    for (const periode of periodes) {
      const telling = tel(binnen, ind, periode);
      for (const g of gemeenten) for (const k of LEEFTIJDSKLASSEN) ruw.set(celSleutel(ind.code, g, periode.code, k.code), telling.get(`${g}|${k.code}`) ?? 0);
      for (const r of hoger) {
        const leden = r.gemeenten.filter((g) => inGebied.has(g));
        for (const k of LEEFTIJDSKLASSEN) {
          const delen = leden.map((g) => celSleutel(ind.code, g, periode.code, k.code));
          ruw.set(celSleutel(ind.code, r.code, periode.code, k.code), delen.reduce((s, d) => s + ruw.get(d)!, 0));
          relaties.push({ totaal: celSleutel(ind.code, r.code, periode.code, k.code), delen });
        }
        relaties.push({ totaal: celSleutel(ind.code, r.code, periode.code, 'TOTAAL'), delen: leden.map((g) => celSleutel(ind.code, g, periode.code, 'TOTAAL')) });
      }
      for (const regio of [...gemeenten, ...hoger.map((r) => r.code)]) {
        const delen = LEEFTIJDSKLASSEN.map((k) => celSleutel(ind.code, regio, periode.code, k.code));
        ruw.set(celSleutel(ind.code, regio, periode.code, 'TOTAAL'), delen.reduce((s, d) => s + ruw.get(d)!, 0));
        relaties.push({ totaal: celSleutel(ind.code, regio, periode.code, 'TOTAAL'), delen });
      }
    }
    // A flow's quarter is the sum of its months (a stock's is its last month's, no relation).
    if (ind.soort === 'STROOM') {
      for (const q of periodes.filter((p) => p.soort === 'KWARTAAL')) {
        for (const regio of [...gemeenten, ...hoger.map((r) => r.code)]) for (const k of KLASSEN) {
          relaties.push({ totaal: celSleutel(ind.code, regio, q.code, k), delen: q.maanden.map((m) => celSleutel(ind.code, regio, m, k)) });
        }
      }
    }
  }
  return { berekendOp, periodes, drempel, ruw, onderdrukt: onderdruk(ruw, relaties, drempel) };
}
