import { addDays, addYears } from '../lib/domain/dates';
import type { Regio } from '../lib/domain/regions';
import { AANBIEDERS, COACHNAMEN, JEUGD_CODES, JUSTITIELE_CATEGORIEEN, WMO_CODES, medewerkers, type Productcategorie } from './catalog';
import type { Career } from './careers';
import { Draw, maxDate, minDate } from './random';
import type { Dienstverband, DoorstroomTraject, JongerenInBeeld, ReintegratieTraject, SynthPersoon, Uitkering, Zorgtoewijzing } from './types';

interface Ctx { draw: Draw; bsn: string; geboortedatum: string; peildatum: string; gemeente: Regio; career: Career; hasSk: boolean }

const CONTACT = ['GESPREK', 'TELEFOON', 'HUISBEZOEK', 'BERICHT'] as const;

/** Doorstroompunt trajectories: after early school leaving, or after a Jongeren in Beeld signal. */
export function generateDoorstroom(ctx: Ctx, jib: JongerenInBeeld | null): DoorstroomTraject[] {
  const { draw, bsn, peildatum } = ctx;
  const coaches = medewerkers(`COACH-${ctx.gemeente.doorstroompuntregio}`, 4, COACHNAMEN);
  const trajecten: DoorstroomTraject[] = [];
  const aanleidingen: [DoorstroomTraject['aanleiding'], string][] = ctx.career.uitvalData
    .filter(() => draw.chance(0.7)).map((d) => ['VSV', addDays(d, draw.int(10, 60))]);
  if (jib && draw.chance(0.4)) aanleidingen.push(['JONGEREN_IN_BEELD', `${jib.maand}-${String(draw.int(5, 25)).padStart(2, '0')}`]);
  if (!ctx.hasSk && aanleidingen.length === 0 && draw.chance(0.05)) {
    aanleidingen.push(['ZELFMELDING', draw.dateBetween(addYears(ctx.geboortedatum, 16), peildatum)]);
  }
  for (const [aanleiding, start] of aanleidingen) {
    if (start > peildatum) continue;
    const geplandEinde = addDays(start, draw.int(90, 540));
    const afgesloten = geplandEinde <= peildatum;
    const status = afgesloten ? 'AFGESLOTEN' : addDays(start, 30) > peildatum ? 'AANGEMELD' : 'ACTIEF';
    const tot = afgesloten ? geplandEinde : peildatum;
    const contactmomenten = Array.from({ length: status === 'AANGEMELD' ? draw.int(0, 1) : draw.int(1, 6) },
      () => ({ datum: draw.dateBetween(start, tot), soort: draw.pick(CONTACT) })).sort((a, b) => a.datum.localeCompare(b.datum));
    trajecten.push({
      id: `DST-${bsn}-${trajecten.length + 1}`, aanleiding, coach: draw.pick(coaches), status, startdatum: start,
      einddatum: afgesloten ? geplandEinde : null,
      uitkomst: afgesloten ? draw.weighted([['ONDERWIJS', 45], ['WERK', 35], ['GEEN_CONTACT', 20]] as const) : null,
      contactmomenten,
    });
  }
  return trajecten.sort((a, b) => a.startdatum.localeCompare(b.startdatum));
}

/** The chance of paid work within a year of leaving education, by the highest qualification (calibrated, population/calibration.ts). */
function kansWerkBinnenJaar(career: Career): number {
  const niveaus = career.diplomas.map((d) => (d.onderwijssoort === 'HBO' || d.onderwijssoort === 'WO' ? 5 : d.onderwijssoort === 'VO' ? (d.niveau === 'havo' || d.niveau === 'vwo' ? 3 : 1)
    : Number(d.niveau) >= 3 ? 4 : Number(d.niveau) === 2 ? 2 : 1));
  const hoogste = Math.max(0, ...niveaus);
  return [0.45, 0.1, 0.7, 0.9, 0.94, 0.96][hoogste];
}

/**
 * Polis-like employment (calibrated, population/calibration.ts): work alongside a bbl programme
 * (almost always: it is a work-based route), side jobs of students from 16 (most students have
 * one, a few hours a week, ending when the programme ends), and work after leaving education.
 */
function generateWerk(ctx: Ctx): Dienstverband[] {
  const { draw, peildatum, career, geboortedatum } = ctx;
  const werk: Dienstverband[] = [];
  const zestien = addYears(geboortedatum, 16);
  for (const i of career.inschrijvingen) {
    if (i.leerweg === 'BBL') {
      if (draw.chance(0.985)) werk.push({ begindatum: i.begindatum, einddatum: i.einddatum, urenPerWeek: draw.int(24, 36) });
      continue;
    }
    const vanaf = maxDate(i.begindatum, zestien);
    if (i.onderwijssoort === 'VO' && (i.niveau === 'praktijkonderwijs' || i.niveau === 'vso')) continue;
    if (vanaf > peildatum || (i.einddatum !== null && vanaf >= i.einddatum) || !draw.chance(0.8)) continue;
    const begin = addDays(vanaf, draw.int(14, 240));
    if (begin > peildatum || (i.einddatum !== null && begin >= i.einddatum)) continue;
    werk.push({ begindatum: begin, einddatum: i.einddatum, urenPerWeek: draw.int(4, 16) });
  }
  const uit = career.laatsteUitstroom;
  if (uit && !career.inschrijvingen.some((i) => i.einddatum === null)) {
    let start = draw.chance(kansWerkBinnenJaar(career)) ? addDays(uit, draw.int(7, 60)) : draw.chance(0.75) ? addDays(uit, draw.int(366, 700)) : null;
    for (let n = 0; start && start <= peildatum && n < 4; n++) {
      const einde = draw.chance(0.25) ? addDays(start, draw.int(240, 1000)) : null;
      werk.push({ begindatum: start, einddatum: einde && einde <= peildatum ? einde : null, urenPerWeek: draw.int(12, 40) });
      start = einde && einde <= peildatum && draw.chance(0.85) ? addDays(einde, draw.int(14, 90)) : null;
    }
  }
  return werk.sort((a, b) => a.begindatum.localeCompare(b.begindatum));
}

/** Participatiewet: work (Polis), benefit, re-integration, and the Jongeren in Beeld signal (ages 23-27). */
export function generateParticipatie(ctx: Ctx): SynthPersoon['participatie'] {
  const { draw, bsn, geboortedatum, peildatum, career } = ctx;
  const volwassen = addYears(geboortedatum, 18);
  const ingeschreven = career.inschrijvingen.some((i) => i.einddatum === null);
  const werk = generateWerk(ctx);
  const werkt = werk.some((w) => w.begindatum <= peildatum && w.einddatum === null);
  let uitkering: Uitkering | null = null;
  const trajecten: ReintegratieTraject[] = [];
  if (volwassen <= peildatum && !ingeschreven && !werkt && draw.chance(ctx.hasSk ? 0.25 : 0.4)) {
    const laatsteWerk = werk.at(-1)?.einddatum ?? null;
    const vanaf = maxDate(maxDate(volwassen, career.laatsteUitstroom ?? volwassen), laatsteWerk ?? volwassen);
    uitkering = { soort: draw.chance(0.93) ? 'ALGEMENE_BIJSTAND' : 'BBZ', sinds: draw.dateBetween(minDate(vanaf, peildatum), peildatum) };
    if (draw.chance(0.65)) {
      const werkcoaches = medewerkers(`WC-${ctx.gemeente.arbeidsmarktregio}`, 5, COACHNAMEN);
      const start = draw.dateBetween(uitkering.sinds, peildatum);
      const einde = addDays(start, draw.int(60, 720));
      const klaar = einde <= peildatum;
      trajecten.push({
        id: `RIT-${bsn}-1`, soort: draw.pick(['WERKFIT', 'SCHOLING', 'JOBCOACHING', 'LOONKOSTENSUBSIDIE', 'BESCHUT_WERK'] as const),
        werkcoach: draw.pick(werkcoaches), startdatum: start, einddatum: klaar ? einde : null,
        uitkomst: klaar ? draw.weighted([['WERK', 40], ['ONDERWIJS', 20], ['UITGEVALLEN', 40]] as const) : 'LOPEND',
      });
    }
  }
  // The Inlichtingenbureau lists everyone 23-27 without a startkwalificatie, enrolment, work or benefit.
  const leeftijd23 = addYears(geboortedatum, 23);
  let jongerenInBeeld: JongerenInBeeld | null = null;
  if (leeftijd23 <= peildatum && !ctx.hasSk && !ingeschreven && !uitkering && !werkt) {
    const sinds = maxDate(leeftijd23, maxDate(career.laatsteUitstroom ?? leeftijd23, werk.at(-1)?.einddatum ?? leeftijd23));
    jongerenInBeeld = { maand: addDays(`${peildatum.slice(0, 7)}-01`, -1).slice(0, 7), opgenomenSinds: sinds.slice(0, 7) };
  }
  return { uitkering, trajecten, jongerenInBeeld, werk };
}

/** Scope per kind of care: residential care in days per month, outpatient care in hours per week, justice measures as one product. */
function omvangVoor(draw: Draw, code: string, lijsten: Codelijsten): Zorgtoewijzing['omvang'] {
  const c = (lijst: string, k: string) => ({ code: k, omschrijving: lijsten.get(lijst)!.get(k)! });
  if (JUSTITIELE_CATEGORIEEN.includes(code)) return { volume: 1, eenheid: c('WJ756', '82'), frequentie: c('WJ757', '6') };
  if (['43', '44', '35', '36', '37', '38'].includes(code)) return { volume: draw.int(20, 31), eenheid: c('WJ756', '14'), frequentie: c('WJ757', '4') };
  if (code === '41') return { volume: draw.int(2, 8), eenheid: c('WJ756', '16'), frequentie: c('WJ757', '2') };
  return { volume: draw.int(1, 6), eenheid: c('WJ756', '04'), frequentie: c('WJ757', '2') };
}

type Codelijsten = Map<string, Map<string, string>>;

/** Why an allocation that ended early was changed (JZ002), with the stop reason it implies (JZ588). */
const VROEG_EINDE: [string, string, number][] = [['05', '36', 30], ['09', '38', 20], ['07', '35', 15], ['06', '39', 10], ['12', '37', 25]];

/** Jeugdwet allocations while under 18 (or up to 23 when extended), Wmo allocations from 18. */
export function generateZorg(ctx: Ctx, categorieen: Productcategorie[], lijsten: Codelijsten): Zorgtoewijzing[] {
  const { draw, bsn, geboortedatum, peildatum } = ctx;
  const code = (lijst: string, k: string) => ({ code: k, omschrijving: lijsten.get(lijst)!.get(k)! });
  const result: Zorgtoewijzing[] = [];
  const add = (wet: 'JEUGDWET' | 'WMO', codes: readonly (readonly [string, number])[], from: string, to: string) => {
    const categorie = draw.weighted(codes);
    const cat = categorieen.find((c) => c.wet === wet && c.code === categorie)!;
    const begin = draw.dateBetween(from, to);
    const gepland = addDays(begin, draw.int(90, 730));
    const vroeg = draw.chance(0.25);
    const eind = vroeg ? addDays(begin, draw.int(30, Math.max(31, Math.round((Date.parse(gepland) - Date.parse(begin)) / 86_400_000) - 1))) : gepland;
    const [wijziging, beeindiging] = vroeg ? draw.weighted(VROEG_EINDE.map(([w, b, n]) => [[w, b], n] as const)) : [null, '31'];
    const gestopt = eind <= peildatum;
    result.push({
      id: `TOE-${bsn}-${result.length + 1}`, wet, productcategorie: { code: cat.code, omschrijving: cat.omschrijving },
      aanbieder: draw.pick(AANBIEDERS), toewijzingsdatum: addDays(begin, -draw.int(7, 30)), begindatum: begin,
      // An early end is known only once it happened: until then the allocation runs to its planned end.
      einddatum: vroeg && gestopt ? eind : gepland,
      startZorg: begin <= peildatum ? begin : null, stopZorg: gestopt ? eind : null,
      productcode: `${cat.code}${wet === 'JEUGDWET' ? 'J' : 'W'}${String(draw.int(1, 12)).padStart(2, '0')}`,
      omvang: omvangVoor(draw, cat.code, lijsten),
      redenWijziging: wijziging && gestopt ? code('JZ002', wijziging) : null,
      juridischeStatus: wet === 'JEUGDWET' && cat.code === '48' ? code('WJ232', '04') : wet === 'JEUGDWET' && cat.code === '47' ? code('WJ232', '12') : null,
      redenBeeindiging: gestopt ? code('JZ588', beeindiging) : null,
    });
  };
  const jeugdTot = minDate(addYears(geboortedatum, draw.chance(0.1) ? 23 : 18), peildatum);
  const jeugdVanaf = maxDate(addYears(geboortedatum, 12), addYears(peildatum, -5));
  if (jeugdVanaf < jeugdTot && draw.chance(0.38)) {
    const count = draw.weighted([[1, 50], [2, 35], [3, 15]] as const);
    for (let i = 0; i < count; i++) add('JEUGDWET', JEUGD_CODES, jeugdVanaf, jeugdTot);
  }
  const volwassen = addYears(geboortedatum, 18);
  if (volwassen < peildatum && draw.chance(0.06)) add('WMO', WMO_CODES, maxDate(volwassen, addYears(peildatum, -3)), peildatum);
  return result.sort((a, b) => a.begindatum.localeCompare(b.begindatum));
}
