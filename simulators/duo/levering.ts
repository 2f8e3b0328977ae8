import { stringify } from 'csv-stringify/sync';
import type { Population } from '../../population/generator';
import type { SynthPersoon } from '../../population/types';

export const KOLOMMEN = ['regelsoort', 'regelId', 'bsn', 'woongemeente', 'brin', 'instelling', 'onderwijssoort', 'niveau', 'leerweg',
  'opleidingscode', 'opleiding', 'datum', 'inschrijvingId'] as const;
export type Regel = Record<(typeof KOLOMMEN)[number], string>;

/** The school year (1 August - 31 July) a date falls in, as "2024-2025". */
export function schooljaar(date: string): string {
  const [y, m] = date.split('-').map(Number);
  const start = m >= 8 ? y : y - 1;
  return `${start}-${start + 1}`;
}

/** Every delivery row that one person's education history produces. */
export function regelsVoor(p: SynthPersoon): Regel[] {
  const rows: Regel[] = [];
  for (const i of p.onderwijs.inschrijvingen) {
    const base = { bsn: p.bsn, woongemeente: p.gemeenteCode, brin: i.instelling.brin, instelling: i.instelling.naam, onderwijssoort: i.onderwijssoort,
      niveau: i.niveau, leerweg: i.leerweg ?? '', opleidingscode: i.opleidingscode, opleiding: i.opleiding, inschrijvingId: i.id };
    rows.push({ regelsoort: 'INSCHRIJVING', regelId: i.id, datum: i.begindatum, ...base });
    if (i.einddatum) rows.push({ regelsoort: 'UITSCHRIJVING', regelId: `${i.id}-U`, datum: i.einddatum, ...base });
  }
  for (const d of p.onderwijs.diplomas) {
    rows.push({ regelsoort: 'DIPLOMA', regelId: d.id, bsn: p.bsn, woongemeente: p.gemeenteCode, brin: d.instelling.brin, instelling: d.instelling.naam,
      onderwijssoort: d.onderwijssoort, niveau: d.niveau, leerweg: '', opleidingscode: d.opleidingscode, opleiding: d.opleiding,
      datum: d.datum, inschrijvingId: d.inschrijvingId });
  }
  for (const v of p.onderwijs.vsv) {
    rows.push({ regelsoort: 'VSV', regelId: v.id, bsn: p.bsn, woongemeente: p.gemeenteCode, brin: v.instelling.brin, instelling: v.instelling.naam,
      onderwijssoort: '', niveau: '', leerweg: '', opleidingscode: '', opleiding: '', datum: v.datum, inschrijvingId: v.inschrijvingId });
  }
  return rows;
}

export function toCsv(rows: Regel[]): string {
  return stringify(rows, { header: true, columns: [...KOLOMMEN], delimiter: ';' });
}

/**
 * The deliveries of a population: one per school year, built on first use. Above `cacheLimit`
 * people each file is built again per request rather than held in memory.
 */
export class Leveringen {
  private cache: Map<string, Regel[]> | undefined;
  constructor(private readonly population: Population, private readonly cacheLimit = 200_000) {}

  index(): { id: string; schooljaar: string; aantalRegels: number }[] {
    const all = this.all();
    return [...all.keys()].sort().map((jaar) => ({ id: `DUO-${jaar}`, schooljaar: jaar, aantalRegels: all.get(jaar)!.length }));
  }

  file(id: string): string | undefined {
    const jaar = /^DUO-(\d{4}-\d{4})$/.exec(id)?.[1];
    const rows = jaar ? this.all().get(jaar) : undefined;
    return rows ? toCsv(rows) : undefined;
  }

  private all(): Map<string, Regel[]> {
    if (this.cache) return this.cache;
    const byYear = new Map<string, Regel[]>();
    for (const p of this.population.persons()) {
      for (const row of regelsVoor(p)) {
        const jaar = schooljaar(row.datum);
        (byYear.get(jaar) ?? byYear.set(jaar, []).get(jaar)!).push(row);
      }
    }
    if (this.population.size <= this.cacheLimit) this.cache = byYear;
    return byYear;
  }
}
