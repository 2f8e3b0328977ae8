import { addDays, addYears } from '../lib/dates';
import {
  HBO_INSTELLINGEN, HBO_OPLEIDINGEN, MBO_INSTELLINGEN, MBO_OPLEIDINGEN, VO_SCHOLEN, VSV_REDENEN, WO_INSTELLINGEN,
  WO_OPLEIDINGEN,
} from './catalog';
import { Draw, minDate } from './random';
import type { Diploma, Inschrijving, Instelling, Onderwijssoort, Verzuimmelding, VsvMelding, VsvRegistratie } from './types';

/** What the rest of the generator needs to know about a school career. */
export interface Career {
  inschrijvingen: Inschrijving[];
  diplomas: Diploma[];
  vsv: VsvRegistratie[];
  vsvMeldingen: VsvMelding[];
  verzuimmeldingen: Verzuimmelding[];
  /** Dates on which the person left school without a startkwalificatie (before 23). */
  uitvalData: string[];
  /** The date the person last left education, or null when still enrolled or never left. */
  laatsteUitstroom: string | null;
}

/** Startkwalificatie: a havo or vwo diploma, or an mbo diploma at level 2 or higher. */
export function isStartkwalificatie(d: Pick<Diploma, 'onderwijssoort' | 'niveau'>): boolean {
  if (d.onderwijssoort === 'VO') return d.niveau === 'havo' || d.niveau === 'vwo';
  if (d.onderwijssoort === 'MBO') return Number(d.niveau) >= 2;
  return d.onderwijssoort === 'HBO' || d.onderwijssoort === 'WO';
}

interface Step { soort: Onderwijssoort; niveau: string; jaren: number; kansDiploma: number }

/** Generates a school career from age 12 until `peildatum`; events after it are not known yet. */
export function generateCareer(draw: Draw, bsn: string, geboortedatum: string, peildatum: string): Career {
  const c: Career = { inschrijvingen: [], diplomas: [], vsv: [], vsvMeldingen: [], verzuimmeldingen: [], uitvalData: [], laatsteUitstroom: null };
  const [by, bm] = geboortedatum.split('-').map(Number);
  let start = `${by + 12 + (bm >= 10 ? 1 : 0)}-08-01`;
  let step: Step | null = draw.weighted<Step>([
    [{ soort: 'VO', niveau: draw.pick(['vmbo-b', 'vmbo-k', 'vmbo-gt']), jaren: 4, kansDiploma: 0.9 }, 50],
    [{ soort: 'VO', niveau: 'havo', jaren: 5, kansDiploma: 0.9 }, 28],
    [{ soort: 'VO', niveau: 'vwo', jaren: 6, kansDiploma: 0.92 }, 22],
  ]);
  let hasSk = false;
  for (let n = 0; step && n < 5 && start <= peildatum; n++) {
    const id = `INS-${bsn}-${n + 1}`;
    const instelling = instellingFor(draw, step.soort);
    const [opleidingscode, opleiding] = opleidingFor(draw, step);
    const leerweg = step.soort === 'MBO' ? (draw.chance(0.2) ? 'BBL' : 'BOL') : null;
    const geslaagd = draw.chance(step.kansDiploma);
    const geplandEinde = addDays(addYears(start, step.jaren), -1);
    const einde = geslaagd ? geplandEinde : addDays(start, draw.int(Math.round(step.jaren * 146), step.jaren * 365 - 30));
    const afgerond = einde < peildatum;
    c.inschrijvingen.push({ id, instelling, onderwijssoort: step.soort, niveau: step.niveau, leerweg, opleidingscode, opleiding,
      begindatum: start, einddatum: afgerond ? einde : null });
    addVerzuim(draw, c, bsn, instelling, start, minDate(einde, peildatum), geboortedatum, peildatum);
    if (!afgerond) { c.laatsteUitstroom = null; break; }
    c.laatsteUitstroom = einde;
    if (geslaagd) {
      const diploma = { id: `DIP-${bsn}-${n + 1}`, inschrijvingId: id, instelling, onderwijssoort: step.soort, niveau: step.niveau,
        opleidingscode, opleiding, datum: addDays(einde, -20) };
      c.diplomas.push(diploma);
      hasSk ||= isStartkwalificatie(diploma);
    } else if (!hasSk && einde < addYears(geboortedatum, 23)) {
      registerVsv(draw, c, bsn, id, instelling, einde, peildatum, n + 1);
    }
    step = nextStep(draw, step, geslaagd);
    start = geslaagd ? addDays(einde, 1) : addDays(einde, draw.int(30, 400));
  }
  return c;
}

function registerVsv(draw: Draw, c: Career, bsn: string, inschrijvingId: string, instelling: Instelling,
  einde: string, peildatum: string, n: number): void {
  c.uitvalData.push(einde);
  const duo = addDays(einde, 30);
  if (duo <= peildatum) c.vsv.push({ id: `VSV-${bsn}-${n}`, inschrijvingId, instelling, datum: duo });
  const melding = addDays(einde, draw.int(1, 14));
  if (melding <= peildatum) c.vsvMeldingen.push({ id: `VSVM-${bsn}-${n}`, datum: melding, instelling, reden: draw.pick(VSV_REDENEN) });
}

function addVerzuim(draw: Draw, c: Career, bsn: string, instelling: Instelling, from: string, to: string,
  geboortedatum: string, peildatum: string): void {
  const end = minDate(to, addDays(addYears(geboortedatum, 18), -1));
  if (end < from || !draw.chance(0.12)) return;
  const count = draw.int(1, 2);
  for (let i = 0; i < count; i++) {
    const datum = draw.dateBetween(from, end);
    c.verzuimmeldingen.push({
      id: `VZM-${bsn}-${c.verzuimmeldingen.length + 1}`,
      soort: draw.weighted([['RELATIEF', 80], ['LUXE', 15], ['ABSOLUUT', 5]] as const),
      datum, uren: draw.int(16, 40), instelling,
      status: addDays(datum, 90) < peildatum ? 'AFGEHANDELD' : 'OPEN',
    });
  }
  c.verzuimmeldingen.sort((a, b) => a.datum.localeCompare(b.datum));
}

function nextStep(draw: Draw, prev: Step, geslaagd: boolean): Step | null {
  const mbo = (niveau: number): Step => ({ soort: 'MBO', niveau: String(niveau), jaren: niveau === 1 ? 1 : niveau === 2 ? 2 : 3,
    kansDiploma: niveau === 1 ? 0.65 : 0.72 });
  const hbo: Step = { soort: 'HBO', niveau: 'hbo-bachelor', jaren: 4, kansDiploma: 0.65 };
  const wo: Step = { soort: 'WO', niveau: 'wo-bachelor', jaren: 3, kansDiploma: 0.7 };
  if (prev.soort === 'VO') {
    if (prev.niveau.startsWith('vmbo')) {
      if (!geslaagd) return draw.chance(0.6) ? mbo(1) : null;
      return mbo(prev.niveau === 'vmbo-b' ? draw.pick([2, 2, 3]) : draw.pick([2, 3, 4, 4]));
    }
    if (!geslaagd) return draw.chance(0.7) ? mbo(draw.pick([3, 4])) : null;
    if (prev.niveau === 'havo') return draw.weighted<Step | null>([[hbo, 55], [mbo(4), 25], [null, 20]]);
    return draw.weighted<Step | null>([[wo, 80], [hbo, 15], [null, 5]]);
  }
  if (prev.soort === 'MBO') {
    const niveau = Number(prev.niveau);
    if (!geslaagd) return draw.chance(0.4) ? mbo(Math.max(1, niveau - 1)) : null;
    if (niveau === 1) return draw.chance(0.5) ? mbo(2) : null;
    if (niveau === 4) return draw.chance(0.2) ? hbo : null;
    return draw.chance(0.25) ? mbo(niveau + 1) : null;
  }
  return !geslaagd && draw.chance(0.3) ? hbo : null;
}

function instellingFor(draw: Draw, soort: Onderwijssoort): Instelling {
  return draw.pick(soort === 'VO' ? VO_SCHOLEN : soort === 'MBO' ? MBO_INSTELLINGEN : soort === 'HBO' ? HBO_INSTELLINGEN : WO_INSTELLINGEN);
}

function opleidingFor(draw: Draw, step: Step): [string, string] {
  if (step.soort === 'VO') return [`VO-${step.niveau}`, step.niveau.toUpperCase()];
  if (step.soort === 'MBO') return draw.pick(MBO_OPLEIDINGEN[Number(step.niveau)]);
  return draw.pick(step.soort === 'HBO' ? HBO_OPLEIDINGEN : WO_OPLEIDINGEN);
}
