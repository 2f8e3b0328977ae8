import { addDays, addYears } from '../lib/domain/dates';
import {
  HBO_INSTELLINGEN, HBO_OPLEIDINGEN, MBO_INSTELLINGEN, MBO_OPLEIDINGEN, PRO_SCHOLEN, VO_SCHOLEN, VSO_SCHOLEN, VSV_REDENEN, WO_INSTELLINGEN,
  WO_MASTERS, WO_OPLEIDINGEN,
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

interface Step { soort: Onderwijssoort; niveau: string; jaren: number; kansDiploma: number; leerweg?: 'BOL' | 'BBL' }

/**
 * Generates a school career from age 12 until `peildatum`; events after it are not known yet.
 * Transition chances are calibrated to public figures (population/calibration.ts): almost every
 * 16-17-year-old is enrolled (kwalificatieplicht), about 6% of 18-24 leave without a
 * startkwalificatie, vsv is about 0.8% a year in vo and 5% in mbo.
 */
export function generateCareer(draw: Draw, bsn: string, geboortedatum: string, peildatum: string): Career {
  const c: Career = { inschrijvingen: [], diplomas: [], vsv: [], vsvMeldingen: [], verzuimmeldingen: [], uitvalData: [], laatsteUitstroom: null };
  const [by, bm] = geboortedatum.split('-').map(Number);
  let start = `${by + 12 + (bm >= 10 ? 1 : 0)}-08-01`;
  let step: Step | null = draw.weighted<Step>([
    [{ soort: 'VO', niveau: 'praktijkonderwijs', jaren: 6, kansDiploma: 0 }, 3],
    [{ soort: 'VO', niveau: 'vso', jaren: 6, kansDiploma: 0.3 }, 2.5],
    [{ soort: 'VO', niveau: draw.pick(['vmbo-b', 'vmbo-k', 'vmbo-gt', 'vmbo-gt']), jaren: 4, kansDiploma: 0.9 }, 48.5],
    [{ soort: 'VO', niveau: 'havo', jaren: 5, kansDiploma: 0.9 }, 25],
    [{ soort: 'VO', niveau: 'vwo', jaren: 6, kansDiploma: 0.92 }, 21],
  ]);
  let hasSk = false;
  for (let n = 0; step && n < 7 && start <= peildatum; n++) {
    const id = `INS-${bsn}-${n + 1}`;
    const instelling = instellingFor(draw, step);
    const [opleidingscode, opleiding] = opleidingFor(draw, step);
    const leerweg = step.soort === 'MBO' ? (step.leerweg ?? (draw.chance(0.18) ? 'BBL' : 'BOL')) : null;
    const geslaagd = draw.chance(step.kansDiploma);
    // Study delay: repeating a year in vo, and the usual extra years in higher education.
    const vertraging = step.soort === 'VO' ? (draw.chance(0.15) ? 1 : 0)
      : step.soort === 'HBO' ? draw.weighted([[0, 45], [1, 35], [2, 20]] as const)
      : step.niveau === 'wo-bachelor' ? draw.weighted([[0, 35], [1, 40], [2, 25]] as const)
      : step.niveau === 'wo-master' ? draw.weighted([[0, 50], [1, 50]] as const) : (draw.chance(0.15) ? 1 : 0);
    const geplandEinde = addDays(addYears(start, step.jaren + vertraging), -1);
    const einde = geslaagd || step.kansDiploma === 0 || step.niveau === 'vso' ? geplandEinde : addDays(start, draw.int(Math.round(step.jaren * 120), step.jaren * 365 - 30));
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
    }
    const minderjarig = einde < addYears(geboortedatum, 18);
    let next = nextStep(draw, step, geslaagd, leerweg);
    // The kwalificatieplicht: a minor without a startkwalificatie re-enrols (entree) within weeks.
    if (!next && !hasSk && minderjarig && step.niveau !== 'vso' && draw.chance(0.97)) next = mbo(draw, 1);
    // After a diploma the next programme starts at once, or after a gap year (havo/vwo); after dropping out, within weeks
    // (minors, though one in five stays out for months) or months.
    const langWeg = !geslaagd && minderjarig && draw.chance(step.soort === 'VO' ? 0.3 : 0.1);
    let gap = geslaagd ? (next && (step.niveau === 'havo' || step.niveau === 'vwo') && draw.chance(0.15) ? 366 : 1)
      : minderjarig ? (langWeg ? draw.int(60, 330) : draw.int(14, 60)) : draw.int(30, 400);
    // Some who left return to education a year or more later (an mbo programme, or hbo after an mbo 4 or havo diploma).
    const terug = !next && einde < addYears(geboortedatum, 24) && step.niveau !== 'praktijkonderwijs' && step.niveau !== 'vso'
      && draw.chance(hasSk ? 0.22 : 0.55);
    // Leaving without a startkwalificatie before 23 and not back within weeks is early school leaving
    // (vsv); praktijkonderwijs and vso leavers are not counted as vsv.
    if (!hasSk && (!next || langWeg || (!minderjarig && gap > 120)) && einde < addYears(geboortedatum, 23)
      && step.niveau !== 'praktijkonderwijs' && step.niveau !== 'vso') {
      registerVsv(draw, c, bsn, id, instelling, einde, peildatum, n + 1);
    }
    if (terug) {
      next = hasSk ? (c.diplomas.some((d) => d.niveau === '4' || d.niveau === 'havo' || d.niveau === 'vwo') && draw.chance(0.6)
        ? { soort: 'HBO', niveau: 'hbo-bachelor', jaren: 4, kansDiploma: 0.75 } : mbo(draw, 3)) : { ...mbo(draw, 2), kansDiploma: 0.55 };
      gap = draw.int(300, 1000);
    }
    step = next;
    start = addDays(einde, gap);
  }
  return c;
}

function mbo(draw: Draw, niveau: number): Step {
  const jaren = niveau === 1 ? 1 : niveau === 2 ? 2 : niveau === 3 ? 3 : draw.pick([3, 4]);
  return { soort: 'MBO', niveau: String(niveau), jaren, kansDiploma: [0, 0.6, 0.74, 0.76, 0.78][niveau] };
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

function nextStep(draw: Draw, prev: Step, geslaagd: boolean, leerweg: 'BOL' | 'BBL' | null): Step | null {
  const hbo: Step = { soort: 'HBO', niveau: 'hbo-bachelor', jaren: 4, kansDiploma: 0.9 };
  const wo: Step = { soort: 'WO', niveau: 'wo-bachelor', jaren: 3, kansDiploma: 0.85 };
  const master: Step = { soort: 'WO', niveau: 'wo-master', jaren: draw.pick([1, 2]), kansDiploma: 0.85 };
  if (prev.soort === 'VO') {
    if (prev.niveau === 'praktijkonderwijs') return draw.chance(0.5) ? mbo(draw, 1) : null;
    if (prev.niveau === 'vso') return draw.chance(0.3) ? mbo(draw, geslaagd ? 2 : 1) : null;
    if (prev.niveau.startsWith('vmbo')) {
      if (!geslaagd) return draw.chance(0.85) ? mbo(draw, draw.pick([1, 2, 2])) : null;
      return mbo(draw, prev.niveau === 'vmbo-b' ? draw.pick([2, 2, 3]) : draw.pick([2, 3, 4, 4]));
    }
    if (!geslaagd) return draw.chance(0.7) ? mbo(draw, draw.pick([3, 4, 4])) : null;
    if (prev.niveau === 'havo') return draw.weighted<Step | null>([[hbo, 88], [mbo(draw, 4), 9], [null, 3]]);
    return draw.weighted<Step | null>([[wo, 78], [hbo, 20], [null, 2]]);
  }
  if (prev.soort === 'MBO') {
    const niveau = Number(prev.niveau);
    if (!geslaagd) return draw.chance(0.72) ? mbo(draw, Math.max(1, niveau - 1)) : null;
    if (niveau === 1) return draw.chance(0.55) ? mbo(draw, 2) : null;
    if (niveau === 4) return draw.chance(leerweg === 'BBL' ? 0.2 : 0.68) ? hbo : null;
    return draw.chance(0.45) ? mbo(draw, niveau + 1) : null;
  }
  if (prev.niveau === 'wo-bachelor') return geslaagd ? (draw.chance(0.8) ? master : null) : (draw.chance(0.6) ? hbo : null);
  if (prev.soort === 'HBO') return geslaagd ? (draw.chance(0.15) ? master : null) : draw.weighted<Step | null>([[hbo, 45], [mbo(draw, 4), 20], [null, 35]]);
  return null;
}

/** Praktijkonderwijs and vso have schools of their own (lists of two, like one draw from the four vo schools). */
function instellingFor(draw: Draw, step: Step): Instelling {
  if (step.niveau === 'praktijkonderwijs') return draw.pick(PRO_SCHOLEN);
  if (step.niveau === 'vso') return draw.pick(VSO_SCHOLEN);
  const soort = step.soort;
  return draw.pick(soort === 'VO' ? VO_SCHOLEN : soort === 'MBO' ? MBO_INSTELLINGEN : soort === 'HBO' ? HBO_INSTELLINGEN : WO_INSTELLINGEN);
}

function opleidingFor(draw: Draw, step: Step): [string, string] {
  if (step.soort === 'VO') return [`VO-${step.niveau}`, step.niveau === 'praktijkonderwijs' ? 'Praktijkonderwijs' : step.niveau === 'vso' ? 'Voortgezet speciaal onderwijs' : step.niveau.toUpperCase()];
  if (step.niveau === 'wo-master') return draw.pick(WO_MASTERS);
  if (step.soort === 'MBO') return draw.pick(MBO_OPLEIDINGEN[Number(step.niveau)]);
  return draw.pick(step.soort === 'HBO' ? HBO_OPLEIDINGEN : WO_OPLEIDINGEN);
}
