import { addMonths } from '../../lib/domain/dates';
import type { RegionRegistry } from '../../lib/domain/regions';
import type { SynthPersoon } from '../../population/types';
import { zoalsGeleverd } from './duo';

/**
 * Who is involved with a person (`Jongere.betrokkenen`), as the domains' ground truth says, with
 * the source field each line and each attribute comes from. Written for the tests from the
 * documented meaning of each kind of line, independently of the subgraphs' code: a line of a
 * kind is disclosed only where its source field would be, and an attribute only where its own
 * source would be.
 */
export const REGELBRON: Record<string, { regel: string; attributen: Partial<Record<'organisatie' | 'naam' | 'sinds' | 'contact', string>> }> = {
  // The coach of a running Doorstroompunt trajectory: the dossier.
  DOORSTROOMCOACH: { regel: 'Jongere.doorstroomcoach', attributen: {} },
  // Leerplicht for open absence reports; the department is named after the municipality of residence.
  LEERPLICHTAMBTENAAR: { regel: 'Jongere.verzuimmeldingen', attributen: { organisatie: 'Jongere.gemeente', contact: 'Jongere.gemeente' } },
  // The werkcoach of a running re-integration trajectory; the department names the municipality.
  WERKCOACH: { regel: 'Jongere.reintegratietrajecten', attributen: { organisatie: 'Jongere.gemeente', contact: 'Jongere.gemeente' } },
  // The school of a current enrolment.
  SCHOOL: { regel: 'Jongere.inschrijvingen', attributen: {} },
  // An mbo school's nazorg up to a year after its diploma.
  NAZORG: { regel: 'Jongere.diplomas', attributen: {} },
  // That a care provider is involved is care data; who, since when and how to reach them are care details.
  ZORGAANBIEDER: { regel: 'Jongere.heeftZorgtoewijzing', attributen: { organisatie: 'Jongere.zorgtoewijzingen', sinds: 'Jongere.zorgtoewijzingen', contact: 'Jongere.zorgtoewijzingen' } },
};

/** One line as the truth has it: the values a client may compare (contact and organisation texts only as present or not). */
export interface WareRegel { rol: string; naam: string | null; sinds: string | null; organisatie: boolean; contact: boolean }

export function wareBetrokkenen(volledig: SynthPersoon, today: string, regions: RegionRegistry): WareRegel[] {
  const p = zoalsGeleverd(volledig, today);
  const uit: WareRegel[] = [];
  const huidig = volledig.leerplicht.trajecten.at(-1);
  if (huidig && huidig.status !== 'AFGESLOTEN') uit.push({ rol: 'DOORSTROOMCOACH', naam: huidig.coach.naam, sinds: huidig.startdatum, organisatie: true, contact: regions.get(volledig.gemeenteCode)?.doorstroompuntregio !== undefined });
  const open = volledig.leerplicht.verzuimmeldingen.filter((m) => m.status === 'OPEN').map((m) => m.datum).sort();
  if (open.length) uit.push({ rol: 'LEERPLICHTAMBTENAAR', naam: null, sinds: open[0], organisatie: true, contact: true });
  for (const t of volledig.participatie.trajecten) if (t.einddatum === null) uit.push({ rol: 'WERKCOACH', naam: t.werkcoach.naam, sinds: t.startdatum, organisatie: true, contact: true });
  const scholen = new Set<string>();
  for (const i of p.onderwijs.inschrijvingen) if (i.einddatum === null) { uit.push({ rol: 'SCHOOL', naam: null, sinds: i.begindatum, organisatie: true, contact: true }); scholen.add(i.instelling.brin); }
  for (const d of p.onderwijs.diplomas) {
    if (d.onderwijssoort === 'MBO' && d.datum <= today && d.datum >= addMonths(today, -12) && !scholen.has(d.instelling.brin)) uit.push({ rol: 'NAZORG', naam: null, sinds: d.datum, organisatie: true, contact: true });
  }
  const lopend = volledig.zorg.toewijzingen.filter((t) => !(t.wet === 'JEUGDWET' && ['47', '48'].includes(t.productcategorie.code))
    && t.startZorg && !t.stopZorg && t.begindatum <= today && (!t.einddatum || t.einddatum >= today));
  for (const t of new Map(lopend.map((x) => [x.aanbieder.agb, x])).values()) uit.push({ rol: 'ZORGAANBIEDER', naam: null, sinds: t.begindatum, organisatie: true, contact: true });
  return uit;
}

/**
 * The lines a caller must see: each line whose source it may see, with every attribute it may not
 * see emptied; lines that become identical are one line (their number would tell what is withheld).
 */
export function verwachteRegels(truth: WareRegel[], mag: (bronveld: string) => boolean): string[] {
  const lines = new Set<string>();
  for (const r of truth) {
    const bron = REGELBRON[r.rol];
    if (!mag(bron.regel)) continue;
    const attr = (name: 'organisatie' | 'naam' | 'sinds' | 'contact') => !bron.attributen[name] || mag(bron.attributen[name]!);
    lines.add(regelSleutel({ rol: r.rol, naam: attr('naam') ? r.naam : null, sinds: attr('sinds') ? r.sinds : null,
      organisatie: attr('organisatie') && r.organisatie ? 'x' : null, contact: attr('contact') && r.contact ? 'x' : null }));
  }
  return [...lines].sort();
}

/** A line as compared: role, name and date exactly, organisation and contact as present or not. */
export function regelSleutel(b: { rol: string; naam: string | null; sinds: string | null; organisatie: string | null; contact: string | null }): string {
  return `${b.rol}|${b.naam ?? '-'}|${b.sinds ?? '-'}|${b.organisatie === null ? '-' : 'org'}|${b.contact === null ? '-' : 'contact'}`;
}
