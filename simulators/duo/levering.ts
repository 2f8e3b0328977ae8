import { stringify } from 'csv-stringify/sync';
import type { Population } from '../../population/generator';
import type { SynthPersoon } from '../../population/types';
import { addDays, addYears, ageOn, parseIsoDate } from '../../lib/domain/dates';

export const KOLOMMEN = ['regelsoort', 'regelId', 'bsn', 'woongemeente', 'brin', 'instelling', 'onderwijssoort', 'niveau', 'leerweg',
  'opleidingscode', 'opleiding', 'datum', 'inschrijvingId'] as const;
export type Regel = Record<(typeof KOLOMMEN)[number], string>;

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

/** Age in whole years on `day`. */
function leeftijdOp(geboortedatum: string, day: string): number {
  return ageOn(geboortedatum, parseIsoDate(day));
}

/** DUO keeps a school career until five years after the last enrolment ended. */
function nogBewaardDoorDuo(p: SynthPersoon, day: string): boolean {
  const ins = p.onderwijs.inschrijvingen.filter((i) => i.begindatum <= day);
  if (ins.length === 0) return false;
  if (ins.some((i) => i.einddatum === null || i.einddatum > day)) return true;
  const laatste = ins.map((i) => i.einddatum!).sort().at(-1)!;
  return laatste >= addYears(day, -5);
}

/** Whether DUO delivers about this person to the RMC function on `day`: aged 4 to under 23. */
function inLeveringsleeftijd(p: SynthPersoon, day: string): boolean {
  const l = leeftijdOp(p.geboortedatum, day);
  return l >= 4 && l < 23;
}

export interface LeveringInfo { id: string; soort: 'C' | 'P'; afnemer: string; van: string; tot: string; aantalRegels: number }

/**
 * DUO's deliveries to the RMC function (the Doorstroompunt), per afnemer (a Doorstroompunt region
 * or a municipality): weekly change files (P-leveringen) with the rows registered that week, and
 * full deliveries (C-leveringen) on request with everything DUO still holds. Both cover only
 * people aged 4 to under 23 who live in the afnemer's area, as DUO delivers them; DUO removes a
 * school career five years after the last enrolment ended. The archive starts `archiefJaren`
 * before the peildatum with the C-levering the layer received when it started, followed by every
 * weekly P-levering since: the education history the layer holds for people of 23 and over is
 * what it ingested while they were younger.
 */
export class Leveringen {
  private readonly perAfnemer = new Map<string, Map<string, { info: LeveringInfo; rows: Regel[] }>>();
  readonly archiefStart: string;

  constructor(private readonly population: Population, private readonly archiefJaren = 5) {
    this.archiefStart = addYears(population.peildatum, -archiefJaren);
  }

  /** Doorstroompunt regions and municipalities of the area. */
  isAfnemer(code: string): boolean {
    const r = this.population.regions.get(code);
    return r !== undefined && (r.soort === 'DOORSTROOMPUNTREGIO' || r.soort === 'GEMEENTE');
  }

  index(afnemer: string): LeveringInfo[] {
    return [...this.archief(afnemer).values()].map((l) => l.info);
  }

  file(id: string): string | undefined {
    for (const archief of this.perAfnemer.values()) {
      const l = archief.get(id);
      if (l) return toCsv(l.rows);
    }
    const afnemer = /^[CP]-(.+)-\d{4}-\d{2}-\d{2}$/.exec(id)?.[1];
    if (afnemer && this.isAfnemer(afnemer)) {
      const l = this.archief(afnemer).get(id);
      if (l) return toCsv(l.rows);
    }
    return undefined;
  }

  /** A C-levering on request: everything DUO holds today about the afnemer's people of 4 to under 23. */
  volledig(afnemer: string): LeveringInfo {
    const archief = this.archief(afnemer);
    const dag = this.population.peildatum;
    const id = `C-${afnemer}-${dag}`;
    if (!archief.has(id)) {
      const rows = this.personen(afnemer).filter((p) => inLeveringsleeftijd(p, dag) && nogBewaardDoorDuo(p, dag))
        .flatMap((p) => regelsVoor(p).filter((r) => r.datum <= dag));
      archief.set(id, { info: { id, soort: 'C', afnemer, van: dag, tot: dag, aantalRegels: rows.length }, rows });
    }
    return archief.get(id)!.info;
  }

  private personen(afnemer: string): SynthPersoon[] {
    const gemeenten = new Set(this.population.regions.get(afnemer)?.gemeenten ?? []);
    const result: SynthPersoon[] = [];
    for (const p of this.population.persons()) if (gemeenten.has(p.gemeenteCode)) result.push(p);
    return result;
  }

  private archief(afnemer: string): Map<string, { info: LeveringInfo; rows: Regel[] }> {
    const known = this.perAfnemer.get(afnemer);
    if (known) return known;
    const archief = new Map<string, { info: LeveringInfo; rows: Regel[] }>();
    const t0 = this.archiefStart;
    const eind = this.population.peildatum;
    const personen = this.personen(afnemer);
    // The C-levering the layer received when it started.
    const start = personen.filter((p) => inLeveringsleeftijd(p, t0) && nogBewaardDoorDuo(p, t0)).flatMap((p) => regelsVoor(p).filter((r) => r.datum <= t0));
    archief.set(`C-${afnemer}-${t0}`, { info: { id: `C-${afnemer}-${t0}`, soort: 'C', afnemer, van: t0, tot: t0, aantalRegels: start.length }, rows: start });
    // Weekly P-leveringen: the rows registered in each week after t0, for people under 23 at the time.
    const weken = new Map<string, Regel[]>();
    for (const p of personen) {
      for (const r of regelsVoor(p)) {
        if (r.datum <= t0 || r.datum > eind || !inLeveringsleeftijd(p, r.datum)) continue;
        const dagen = Math.floor((parseIsoDate(r.datum).getTime() - parseIsoDate(t0).getTime() - 1) / (7 * 86_400_000));
        const van = addDays(t0, 7 * dagen + 1);
        (weken.get(van) ?? weken.set(van, []).get(van)!).push(r);
      }
    }
    for (let van = addDays(t0, 1); van <= eind; van = addDays(van, 7)) {
      const tot = addDays(van, 6) < eind ? addDays(van, 6) : eind;
      const rows = weken.get(van) ?? [];
      archief.set(`P-${afnemer}-${van}`, { info: { id: `P-${afnemer}-${van}`, soort: 'P', afnemer, van, tot, aantalRegels: rows.length }, rows });
    }
    this.perAfnemer.set(afnemer, archief);
    return archief;
  }
}
