import { addDays, addYears, ageOn, parseIsoDate } from '../lib/domain/dates';
import { GESLACHTSNAMEN, STRATEN, VOORNAMEN_M, VOORNAMEN_V } from './catalog';
import { Draw } from './random';
import type { SynthPersoon } from './types';

/**
 * Where a synthetic person comes from and whom they live with, as the BRP records it: country of
 * birth, immigration (categorie 08 groep 14), residence title (categorie 10), a partner
 * (categorie 05), children (categorie 09) and whether one parent alone has authority over a
 * minor. Drawn from a stream of its own per person, so adding it changed no other fact of the
 * population; documented with its figures in docs/population.md.
 */
export interface Herkomst {
  geboorteland: Land;
  /** Set when the person was born abroad: the country they came from and the day they settled. */
  immigratie?: { landVanwaarIngeschreven: Land; datumVestigingInNederland: string };
  /** Set for a non-EU national: the residence title (Tabel 56) and its dates. */
  verblijfstitel?: { code: string; omschrijving: string; datumIngang: string; datumEinde?: string };
}

export interface Gezin {
  partner?: { voornamen: string; geslachtsnaam: string; geslacht: 'M' | 'V'; geboortedatum: string; soort: 'H' | 'P'; sinds: string };
  kinderen: { voornamen: string; geslachtsnaam: string; geboortedatum: string }[];
  /** For a minor: only ouder 1 has authority (after a divorce or an unrecognised child); otherwise both parents. */
  eenhoofdigGezag: boolean;
}

export interface Land { code: string; omschrijving: string }
export const NEDERLAND: Land = { code: '6030', omschrijving: 'Nederland' };

/**
 * Per nationality (Tabel 32 code): the country of birth (Tabel 34), the share of its young
 * nationals in the Netherlands who were born abroad, the earliest plausible arrival, and the
 * residence titles (Tabel 56) — none for EU citizens, who need no permit.
 */
const HERKOMST: Record<string, { land: Land; buitenland: number; vanaf?: string; titel?: 'regulier' | 'asiel' | 'onbekend' }> = {
  '0072': { land: { code: '7028', omschrijving: 'Polen' }, buitenland: 0.8, vanaf: '2007-01-01' },
  '0074': { land: { code: '7047', omschrijving: 'Roemenië' }, buitenland: 0.85, vanaf: '2007-01-01' },
  '0053': { land: { code: '7024', omschrijving: 'Bulgarije' }, buitenland: 0.85, vanaf: '2007-01-01' },
  '0052': { land: { code: '5010', omschrijving: 'België' }, buitenland: 0.6 },
  '0336': { land: { code: '7009', omschrijving: 'Syrië' }, buitenland: 0.9, vanaf: '2014-01-01', titel: 'asiel' },
  '0084': { land: { code: '9003', omschrijving: 'Eritrea' }, buitenland: 0.9, vanaf: '2014-01-01', titel: 'asiel' },
  // Temporary protection of displaced Ukrainians has no code of its own in this copy of Tabel 56: 00 Onbekend.
  '0034': { land: { code: '6038', omschrijving: 'Oekraïne' }, buitenland: 0.97, vanaf: '2022-03-01', titel: 'onbekend' },
  '0339': { land: { code: '6043', omschrijving: 'Turkije' }, buitenland: 0.4, titel: 'regulier' },
  '0131': { land: { code: '5022', omschrijving: 'Marokko' }, buitenland: 0.4, titel: 'regulier' },
};
/** Dutch nationals born abroad (children of expatriates, naturalised people): a small share. */
const NEDERLANDER_BUITENLAND = { kans: 0.03, landen: [{ code: '6029', omschrijving: 'Duitsland' }, { code: '5010', omschrijving: 'België' }, { code: '6039', omschrijving: 'Groot-Brittannië' }] };

const TITELS: Record<string, { code: string; omschrijving: string }> = {
  regulierTijdelijk: { code: '21', omschrijving: 'Vw 2000 art. 8, onder a, vergunning regulier bepaalde tijd, arbeid vrij' },
  regulierVast: { code: '25', omschrijving: 'Vw 2000 art. 8, sub b, verg. reg. onbep. tijd of langdurig ingez., arbeid vrij' },
  asielTijdelijk: { code: '26', omschrijving: 'Vw 2000 art. 8, onder c, vergunning asiel bepaalde tijd, arbeid vrij' },
  asielVast: { code: '27', omschrijving: 'Vw 2000 art. 8, sub d, verg. asiel onbep. tijd of langdurig ingez., arbeid vrij' },
  onbekend: { code: '00', omschrijving: 'Onbekend' },
};

/** Country of birth, immigration and residence title of a synthetic person, as on `peildatum`. */
export function herkomstVan(p: SynthPersoon, peildatum: string): Herkomst {
  const draw = new Draw(0x4e1b, p.index, 0);
  const h = HERKOMST[p.nationaliteit.code];
  if (!h) {
    if (!draw.chance(NEDERLANDER_BUITENLAND.kans)) return { geboorteland: NEDERLAND };
    const land = draw.pick(NEDERLANDER_BUITENLAND.landen);
    return { geboorteland: land, immigratie: { landVanwaarIngeschreven: land, datumVestigingInNederland: aankomst(draw, p.geboortedatum, undefined, peildatum) } };
  }
  const geborenBuitenland = draw.chance(h.buitenland);
  const vestiging = geborenBuitenland ? aankomst(draw, p.geboortedatum, h.vanaf, peildatum) : p.geboortedatum;
  const herkomst: Herkomst = geborenBuitenland
    ? { geboorteland: h.land, immigratie: { landVanwaarIngeschreven: h.land, datumVestigingInNederland: vestiging } }
    : { geboorteland: NEDERLAND };
  if (h.titel) {
    // A temporary permit for the first five years, then one for an indefinite period.
    const vijfJaar = addYears(vestiging, 5);
    const vast = vijfJaar <= peildatum && h.titel !== 'onbekend';
    const titel = h.titel === 'onbekend' ? TITELS.onbekend : h.titel === 'asiel' ? (vast ? TITELS.asielVast : TITELS.asielTijdelijk) : (vast ? TITELS.regulierVast : TITELS.regulierTijdelijk);
    herkomst.verblijfstitel = { ...titel, datumIngang: vast ? vijfJaar : vestiging, ...(vast ? {} : { datumEinde: h.titel === 'onbekend' ? '2027-03-04' : vijfJaar }) };
  }
  return herkomst;
}

/** A day of arrival: after birth and `vanaf`, at least three months before `peildatum`. */
function aankomst(draw: Draw, geboortedatum: string, vanaf: string | undefined, peildatum: string): string {
  const eerst = vanaf && vanaf > geboortedatum ? vanaf : addDays(geboortedatum, 30);
  return draw.dateBetween(eerst, addDays(peildatum, -90));
}

/**
 * Partner, children and parental authority. Shares rise with age: a partner (marriage or
 * registered partnership) for about 1 in 10 at 27, a child for about 1 in 8 women and 1 in 14
 * men at 27 (CBS: mean age of mothers at first birth is about 30).
 */
export function gezinVan(p: SynthPersoon, peildatum: string): Gezin {
  const draw = new Draw(0x6e21, p.index, 0);
  const leeftijd = ageOn(p.geboortedatum, parseIsoDate(peildatum));
  const eenhoofdigGezag = draw.chance(0.1);
  const gezin: Gezin = { kinderen: [], eenhoofdigGezag };
  const jaren = Math.max(0, leeftijd - 19);
  if (draw.chance(jaren * 0.012)) {
    const vrouw = p.geslacht === 'M';
    const sinds = draw.dateBetween(addYears(p.geboortedatum, 19), addDays(peildatum, -30));
    gezin.partner = {
      voornamen: draw.pick(vrouw ? VOORNAMEN_V : VOORNAMEN_M), geslachtsnaam: draw.pick(GESLACHTSNAMEN), geslacht: vrouw ? 'V' : 'M',
      geboortedatum: addDays(p.geboortedatum, draw.int(-1500, 900)), soort: draw.chance(0.8) ? 'H' : 'P', sinds,
    };
  }
  if (draw.chance(jaren * (p.geslacht === 'V' ? 0.016 : 0.009))) {
    const aantal = draw.chance(0.2) ? 2 : 1;
    let vanaf = addYears(p.geboortedatum, 19);
    for (let i = 0; i < aantal; i++) {
      const geboren = draw.dateBetween(vanaf, addDays(peildatum, -10));
      gezin.kinderen.push({ voornamen: draw.pick(draw.chance(0.5) ? VOORNAMEN_V : VOORNAMEN_M), geslachtsnaam: p.geslachtsnaam, geboortedatum: geboren });
      vanaf = addDays(geboren, 365);
      if (vanaf >= addDays(peildatum, -10)) break;
    }
  }
  return gezin;
}

/** One residence: a Dutch address in a municipality of the area, from `vanaf` until the next one. */
export interface Woonplaats { gemeenteCode: string; adres: SynthPersoon['adres']; vanaf: string }

/**
 * A year's chance of moving house by age, and the share of moves to another municipality
 * (AANNAME op basis van CBS verhuisstatistiek: children move with their parents now and then, young
 * adults most — leaving home, studying, living together —, and they more often cross a municipal
 * border). Documented with the calibration target in docs/population.md.
 */
function verhuiskans(leeftijd: number): { verhuizen: number; andereGemeente: number } {
  if (leeftijd < 16) return { verhuizen: 0.07, andereGemeente: 0.3 };
  if (leeftijd < 18) return { verhuizen: 0.06, andereGemeente: 0.35 };
  if (leeftijd < 23) return { verhuizen: 0.17, andereGemeente: 0.38 };
  return { verhuizen: 0.16, andereGemeente: 0.35 };
}

/**
 * Where a synthetic person lived since birth or since settling here, newest first; the first
 * entry is the current address (`p.gemeenteCode`, `p.adres`) from the day of the last move. Earlier
 * residences are drawn backwards from a stream of their own: each year of age brings a move with
 * the chance above; a move to another municipality comes from one of the area's (`gemeenten`:
 * code, name, postcode prefixes), most often of the same labour-market region.
 */
export function woonhistorie(p: SynthPersoon, gemeenten: readonly { code: string; naam: string; postcodePrefixes?: string[]; arbeidsmarktregio?: string }[], peildatum: string,
  herkomst: Herkomst = herkomstVan(p, peildatum)): Woonplaats[] {
  const draw = new Draw(0x7e4a, p.index, 0);
  const begin = herkomst.immigratie?.datumVestigingInNederland ?? p.geboortedatum;
  const eind = p.overlijdensdatum && p.overlijdensdatum < peildatum ? p.overlijdensdatum : peildatum;
  // The moves, oldest first: per year of age, a move at a day within that year.
  const verhuizingen: { datum: string; andereGemeente: boolean }[] = [];
  for (let jaar = 0; ; jaar++) {
    const van = addYears(p.geboortedatum, jaar);
    if (van > eind) break;
    const tot = addDays(addYears(p.geboortedatum, jaar + 1), -1);
    const kans = verhuiskans(jaar);
    const verhuist = draw.chance(kans.verhuizen);
    const anders = draw.chance(kans.andereGemeente);
    const datum = draw.dateBetween(van, tot < eind ? tot : eind);
    if (verhuist && datum > begin && datum <= eind) verhuizingen.push({ datum, andereGemeente: anders });
  }
  const huidig = gemeenten.find((g) => g.code === p.gemeenteCode);
  const historie: Woonplaats[] = [{ gemeenteCode: p.gemeenteCode, adres: p.adres, vanaf: verhuizingen.at(-1)?.datum ?? begin }];
  let gemeente = huidig;
  for (let i = verhuizingen.length - 1; i >= 0; i--) {
    // The residence before move i, from move i-1 (or the beginning).
    if (verhuizingen[i].andereGemeente && gemeenten.length > 1) {
      const anderen = gemeenten.filter((g) => g.code !== gemeente?.code && g.postcodePrefixes?.length);
      const dichtbij = anderen.filter((g) => g.arbeidsmarktregio && g.arbeidsmarktregio === gemeente?.arbeidsmarktregio);
      gemeente = draw.chance(0.6) && dichtbij.length ? draw.pick(dichtbij) : draw.pick(anderen);
    }
    const g = gemeente ?? huidig!;
    const postcode = `${draw.pick(g.postcodePrefixes ?? ['10'])}${draw.int(10, 99)} ${String.fromCharCode(65 + draw.int(0, 25))}${String.fromCharCode(65 + draw.int(0, 25))}`;
    historie.push({ gemeenteCode: g.code, adres: { straat: draw.pick(STRATEN), huisnummer: draw.int(1, 250), postcode, woonplaats: g.naam }, vanaf: i > 0 ? verhuizingen[i - 1].datum : begin });
  }
  return historie;
}

/** The day the person registered in their current municipality: the start of the unbroken run of residences there. */
export function inschrijvingGemeente(historie: readonly Woonplaats[]): string {
  let i = 0;
  while (i + 1 < historie.length && historie[i + 1].gemeenteCode === historie[0].gemeenteCode) i++;
  return historie[i].vanaf;
}
