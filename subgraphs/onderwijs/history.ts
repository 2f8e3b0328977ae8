import type { Onderwijsregel, Onderwijssoort } from '../../adapters/onderwijs/port';

export interface Instelling { brin: string; naam: string }
export interface Inschrijving {
  id: string; instelling: Instelling; onderwijssoort: Onderwijssoort; niveau: string; leerweg: 'BOL' | 'BBL' | null;
  opleidingscode: string | null; opleiding: string | null; begindatum: string; einddatum: string | null;
}
export interface Diploma {
  id: string; inschrijvingId: string; instelling: Instelling; onderwijssoort: Onderwijssoort; niveau: string; opleidingscode: string | null;
  opleiding: string | null; datum: string;
}
export interface VsvRegistratie { id: string; instelling: Instelling; datum: string; inschrijvingId: string }
export interface Onderwijshistorie { inschrijvingen: Inschrijving[]; diplomas: Diploma[]; vsvRegistraties: VsvRegistratie[] }

/** Startkwalificatie: a havo or vwo diploma, an mbo diploma at level 2 or higher (or higher education). */
export function isStartkwalificatie(d: Pick<Diploma, 'onderwijssoort' | 'niveau'>): boolean {
  if (d.onderwijssoort === 'VO') return d.niveau === 'havo' || d.niveau === 'vwo';
  if (d.onderwijssoort === 'MBO') return Number(d.niveau) >= 2;
  return true;
}

/** Folds one person's delivery rows (in any order) into their education history. */
export function foldHistorie(regels: Onderwijsregel[]): Onderwijshistorie {
  const inschrijvingen = new Map<string, Inschrijving>();
  const einden = new Map<string, string>();
  const diplomas: Diploma[] = [];
  const vsvRegistraties: VsvRegistratie[] = [];
  for (const r of regels) {
    const instelling = { brin: r.brin, naam: r.instelling };
    if (r.soort === 'INSCHRIJVING') {
      inschrijvingen.set(r.inschrijvingId, { id: r.inschrijvingId, instelling, onderwijssoort: r.onderwijssoort!, niveau: r.niveau!,
        leerweg: r.leerweg, opleidingscode: r.opleidingscode, opleiding: r.opleiding, begindatum: r.datum, einddatum: null });
    } else if (r.soort === 'UITSCHRIJVING') einden.set(r.inschrijvingId, r.datum);
    else if (r.soort === 'DIPLOMA') {
      diplomas.push({ id: r.regelId, inschrijvingId: r.inschrijvingId, instelling, onderwijssoort: r.onderwijssoort!, niveau: r.niveau!, opleidingscode: r.opleidingscode,
        opleiding: r.opleiding, datum: r.datum });
    } else vsvRegistraties.push({ id: r.regelId, instelling, datum: r.datum, inschrijvingId: r.inschrijvingId });
  }
  const byDate = <T>(key: (t: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));
  return {
    inschrijvingen: [...inschrijvingen.values()].map((i) => ({ ...i, einddatum: einden.get(i.id) ?? null })).sort(byDate((i) => i.begindatum)),
    diplomas: diplomas.sort(byDate((d) => d.datum)),
    vsvRegistraties: vsvRegistraties.sort(byDate((v) => v.datum)),
  };
}
