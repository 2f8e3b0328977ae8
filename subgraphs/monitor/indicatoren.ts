import { isJustitieel, lopendOp } from '../../adapters/zorg/port';
import { addMonths, ageOn, parseIsoDate } from '../../lib/domain/dates';
import { isStartkwalificatie } from '../onderwijs/history';
import type { Persoonsfeiten } from './feiten';
import type { Periode } from './periode';

/** Age bands of the figures (age at the period's end for a stock, at the event for a flow). */
export const LEEFTIJDSKLASSEN = [
  { code: 'L16_17', van: 16, tot: 18 }, { code: 'L18_22', van: 18, tot: 23 }, { code: 'L23_26', van: 23, tot: 27 },
] as const;
export type Klasse = (typeof LEEFTIJDSKLASSEN)[number]['code'] | 'TOTAAL';

/**
 * One figure: a STAND counts people on the period's last day; a STROOM counts events in the period
 * (so a quarter is the sum of its months). Each domain contributes its own; the intersections
 * (`doorsnede.*`) join domains on the pseudonym.
 */
export interface Indicator {
  code: string;
  omschrijving: string;
  soort: 'STAND' | 'STROOM';
  /** STAND: whether the person counts on day `d`. */
  telt?(p: Persoonsfeiten, d: string): boolean;
  /** STROOM: the dates of the person's events in the period. */
  gebeurtenissen?(p: Persoonsfeiten, b: string, e: string): string[];
}

const tussen = (d: string | null | undefined, b: string, e: string) => Boolean(d) && d! >= b && d! <= e;
const loopt = (start: string | null, einde: string | null, d: string) => start !== null && start <= d && (einde === null || einde > d);
export const ingeschreven = (p: Persoonsfeiten, d: string) => p.onderwijs.inschrijvingen.some((i) => loopt(i.begindatum, i.einddatum, d));
export const heeftSk = (p: Persoonsfeiten, d: string) => p.onderwijs.diplomas.some((x) => x.datum <= d && isStartkwalificatie(x));
export const werkt = (p: Persoonsfeiten, d: string) => p.werk.some((w) => w.begindatum <= d && (w.einddatum === null || w.einddatum >= d));
export const uitkering = (p: Persoonsfeiten, d: string) => p.uitkering !== null && p.uitkering.sinds <= d;
export const reintegratie = (p: Persoonsfeiten, d: string) => p.reintegratie.some((t) => loopt(t.startdatum, t.einddatum, d));
export const doorstroom = (p: Persoonsfeiten, d: string) => p.doorstroom.some((t) => loopt(t.startdatum, t.einddatum, d));
export const zorg = (p: Persoonsfeiten, d: string) => p.zorg.some((t) => !isJustitieel(t) && lopendOp(t, d));
const zonderSk = (p: Persoonsfeiten, d: string) => !heeftSk(p, d) && !ingeschreven(p, d);
const van23tot27 = (p: Persoonsfeiten, d: string) => { const a = ageOn(p.geboortedatum, parseIsoDate(d)); return a >= 23 && a < 27; };
/** Entree, bol level 2, praktijkonderwijs and vso: the vulnerable transitions of the JIKP groups. */
const kwetsbaar = (i: Persoonsfeiten['onderwijs']['inschrijvingen'][number]) => (i.onderwijssoort === 'MBO' && (i.niveau === '1' || (i.niveau === '2' && i.leerweg === 'BOL')))
  || (i.onderwijssoort === 'VO' && (i.niveau === 'praktijkonderwijs' || i.niveau === 'vso'));

const mboNiveau = (n: string): Indicator[] => [
  { code: `onderwijs.mboDiploma.${n}`, omschrijving: `Mbo-diploma's niveau ${n}, een jaar voor de periode behaald`, soort: 'STROOM',
    gebeurtenissen: (p, b, e) => p.onderwijs.diplomas.filter((d) => d.onderwijssoort === 'MBO' && d.niveau === n && tussen(d.datum, addMonths(b, -12), addMonths(e, -12))).map((d) => addMonths(d.datum, 12)) },
  { code: `onderwijs.zonderWerkNaMboDiploma.${n}`, omschrijving: `Daarvan een jaar na het diploma (niveau ${n}) zonder werk`, soort: 'STROOM',
    gebeurtenissen: (p, b, e) => p.onderwijs.diplomas.filter((d) => d.onderwijssoort === 'MBO' && d.niveau === n && tussen(d.datum, addMonths(b, -12), addMonths(e, -12)))
      .map((d) => addMonths(d.datum, 12)).filter((jaarLater) => !werkt(p, jaarLater)) },
];

export const INDICATOREN: Indicator[] = [
  { code: 'jongeren', omschrijving: 'Jongeren (16 tot 27) in de regio', soort: 'STAND', telt: () => true },
  { code: 'doelgroep.jongerenInBeeld', omschrijving: 'Doelgroep volgens Jongeren in Beeld: geen startkwalificatie, geen onderwijs, geen werk, geen uitkering', soort: 'STAND',
    telt: (p, d) => !heeftSk(p, d) && !ingeschreven(p, d) && !werkt(p, d) && !uitkering(p, d) },
  { code: 'doorstroom.inTraject', omschrijving: 'In een traject van het Doorstroompunt', soort: 'STAND', telt: doorstroom },
  { code: 'participatie.inReintegratie', omschrijving: 'In een re-integratietraject (Participatiewet)', soort: 'STAND', telt: reintegratie },
  { code: 'participatie.metUitkering', omschrijving: 'Met een bijstandsuitkering', soort: 'STAND', telt: uitkering },
  { code: 'zorg.metZorg', omschrijving: 'Met een lopende Wmo-voorziening of jeugdhulp', soort: 'STAND', telt: zorg },
  // The intersections answer the assessors' question about 23-26-year-olds only: the other bands
  // are 0 by definition, so no small cell there costs the 23-26 figure a complementary suppression.
  { code: 'doorsnede.zonderSk', omschrijving: '23 tot 27 jaar, zonder startkwalificatie en niet ingeschreven', soort: 'STAND', telt: (p, d) => van23tot27(p, d) && zonderSk(p, d) },
  { code: 'doorsnede.zonderSkMetUitkering', omschrijving: 'Daarvan met een uitkering', soort: 'STAND', telt: (p, d) => van23tot27(p, d) && zonderSk(p, d) && uitkering(p, d) },
  { code: 'doorsnede.zonderSkMetZorg', omschrijving: 'Daarvan bekend bij zorg', soort: 'STAND', telt: (p, d) => van23tot27(p, d) && zonderSk(p, d) && zorg(p, d) },
  { code: 'doorsnede.zonderSkBijNiemandBekend', omschrijving: 'Daarvan bij niemand bekend (geen uitkering, re-integratie, zorg of Doorstroompunt-traject)', soort: 'STAND',
    telt: (p, d) => van23tot27(p, d) && zonderSk(p, d) && !uitkering(p, d) && !reintegratie(p, d) && !zorg(p, d) && !doorstroom(p, d) },
  { code: 'onderwijs.vsv', omschrijving: 'Registraties als voortijdig schoolverlater', soort: 'STROOM',
    gebeurtenissen: (p, b, e) => p.onderwijs.vsvRegistraties.map((v) => v.datum).filter((d) => tussen(d, b, e)) },
  { code: 'onderwijs.kwetsbareOvergang', omschrijving: 'Uitstroom uit entree, bol-2, praktijkonderwijs of vso', soort: 'STROOM',
    gebeurtenissen: (p, b, e) => p.onderwijs.inschrijvingen.filter((i) => kwetsbaar(i) && tussen(i.einddatum, b, e)).map((i) => i.einddatum!) },
  ...['1', '2', '3', '4'].flatMap(mboNiveau),
  { code: 'programma.trajectGestart', omschrijving: 'Gestarte trajecten van het Doorstroompunt', soort: 'STROOM',
    gebeurtenissen: (p, b, e) => p.doorstroom.map((t) => t.startdatum).filter((d) => tussen(d, b, e)) },
  ...(['ONDERWIJS', 'WERK', 'GEEN_CONTACT'] as const).map((u): Indicator => ({
    code: `programma.trajectBeeindigd.${u}`, omschrijving: `Beëindigde trajecten met uitkomst ${u.toLowerCase().replace('_', ' ')}`, soort: 'STROOM',
    gebeurtenissen: (p, b, e) => p.doorstroom.filter((t) => t.uitkomst === u && tussen(t.einddatum, b, e)).map((t) => t.einddatum!) })),
];

export function klasse(geboortedatum: string, d: string): Klasse | null {
  const leeftijd = ageOn(geboortedatum, parseIsoDate(d));
  return LEEFTIJDSKLASSEN.find((k) => leeftijd >= k.van && leeftijd < k.tot)?.code ?? null;
}

/** The counts of one indicator for one period, per gemeente and age band (before any suppression). */
export function tel(personen: Iterable<Persoonsfeiten>, indicator: Indicator, periode: Pick<Periode, 'begin' | 'einde'>): Map<string, number> {
  const uit = new Map<string, number>();
  const plus = (gemeente: string, k: Klasse | null) => { if (k) uit.set(`${gemeente}|${k}`, (uit.get(`${gemeente}|${k}`) ?? 0) + 1); };
  for (const p of personen) {
    if (indicator.soort === 'STAND') {
      if (indicator.telt!(p, periode.einde)) plus(p.gemeente, klasse(p.geboortedatum, periode.einde));
    } else for (const d of indicator.gebeurtenissen!(p, periode.begin, periode.einde)) plus(p.gemeente, klasse(p.geboortedatum, d));
  }
  return uit;
}
