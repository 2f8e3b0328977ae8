import { addDays, addMonths, ageOn, parseIsoDate } from '../../lib/domain/dates';
import type { RegionRegistry } from '../../lib/domain/regions';
import type { Population } from '../../population/generator';
import type { SynthPersoon } from '../../population/types';
import type { RunningSystem } from '../../system';
import { gqlAs, type Identity } from './system';
import { zoalsGeleverd } from './duo';

/**
 * The monitor's figures computed straight from the generator's ground truth (education as DUO
 * delivered it, test/support/duo.ts), written from the definitions in docs/monitor.md and not from
 * the monitor's code: for a period, a STAND counts people on its last day by their age then; a
 * STROOM counts events in it by the age at the event.
 */
type P = SynthPersoon;
const open = (b: string | null, e: string | null, d: string) => b !== null && b <= d && (e === null || e > d);
const sk = (p: P, d: string) => p.onderwijs.diplomas.some((x) => x.datum <= d && (x.onderwijssoort === 'VO' ? ['havo', 'vwo'].includes(x.niveau) : x.onderwijssoort !== 'MBO' || Number(x.niveau) >= 2));
const school = (p: P, d: string) => p.onderwijs.inschrijvingen.some((i) => open(i.begindatum, i.einddatum, d));
const baan = (p: P, d: string) => p.participatie.werk.some((w) => w.begindatum <= d && (w.einddatum === null || w.einddatum >= d));
const bijstand = (p: P, d: string) => Boolean(p.participatie.uitkering && p.participatie.uitkering.sinds <= d);
const traject = (p: P, d: string) => p.participatie.trajecten.some((t) => open(t.startdatum, t.einddatum, d));
const dp = (p: P, d: string) => p.leerplicht.trajecten.some((t) => open(t.startdatum, t.einddatum, d));
const care = (p: P, d: string) => p.zorg.toewijzingen.some((t) => !(t.wet === 'JEUGDWET' && (t.productcategorie.code === '47' || t.productcategorie.code === '48'))
  && t.begindatum <= d && (!t.einddatum || t.einddatum >= d) && Boolean(t.startZorg) && t.startZorg! <= d && (!t.stopZorg || t.stopZorg > d));
const tussen = (d: string | null | undefined, b: string, e: string) => !!d && d >= b && d <= e;
const oud = (p: P, d: string) => ageOn(p.geboortedatum, parseIsoDate(d)) >= 23 && ageOn(p.geboortedatum, parseIsoDate(d)) < 27;

const STAND: Record<string, (p: P, d: string) => boolean> = {
  jongeren: () => true,
  'doelgroep.jongerenInBeeld': (p, d) => !sk(p, d) && !school(p, d) && !baan(p, d) && !bijstand(p, d),
  'doorstroom.inTraject': dp,
  'participatie.inReintegratie': traject,
  'participatie.metUitkering': bijstand,
  'zorg.metZorg': care,
  // The intersections count 23-26-year-olds only.
  'doorsnede.zonderSk': (p, d) => oud(p, d) && !sk(p, d) && !school(p, d),
  'doorsnede.zonderSkMetUitkering': (p, d) => oud(p, d) && !sk(p, d) && !school(p, d) && bijstand(p, d),
  'doorsnede.zonderSkMetZorg': (p, d) => oud(p, d) && !sk(p, d) && !school(p, d) && care(p, d),
  'doorsnede.zonderSkBijNiemandBekend': (p, d) => oud(p, d) && !sk(p, d) && !school(p, d) && !bijstand(p, d) && !traject(p, d) && !care(p, d) && !dp(p, d),
};
const mbo = (n: string, zonderWerk: boolean) => (p: P, b: string, e: string) => p.onderwijs.diplomas
  .filter((x) => x.onderwijssoort === 'MBO' && x.niveau === n && tussen(x.datum, addMonths(b, -12), addMonths(e, -12)))
  .map((x) => addMonths(x.datum, 12)).filter((d) => !zonderWerk || !baan(p, d));
const STROOM: Record<string, (p: P, b: string, e: string) => string[]> = {
  'onderwijs.vsv': (p, b, e) => p.onderwijs.vsv.map((v) => v.datum).filter((d) => tussen(d, b, e)),
  'onderwijs.kwetsbareOvergang': (p, b, e) => p.onderwijs.inschrijvingen.filter((i) => ((i.onderwijssoort === 'MBO' && (i.niveau === '1' || (i.niveau === '2' && i.leerweg === 'BOL')))
    || (i.onderwijssoort === 'VO' && ['praktijkonderwijs', 'vso'].includes(i.niveau))) && tussen(i.einddatum, b, e)).map((i) => i.einddatum!),
  ...Object.fromEntries(['1', '2', '3', '4'].flatMap((n) => [[`onderwijs.mboDiploma.${n}`, mbo(n, false)], [`onderwijs.zonderWerkNaMboDiploma.${n}`, mbo(n, true)]])),
  'programma.trajectGestart': (p, b, e) => p.leerplicht.trajecten.map((t) => t.startdatum).filter((d) => tussen(d, b, e)),
  ...Object.fromEntries(['ONDERWIJS', 'WERK', 'GEEN_CONTACT'].map((u) => [`programma.trajectBeeindigd.${u}`,
    (p: P, b: string, e: string) => p.leerplicht.trajecten.filter((t) => t.uitkomst === u && tussen(t.einddatum, b, e)).map((t) => t.einddatum!)])),
};
export const WAARHEID_INDICATOREN = [...Object.keys(STAND), ...Object.keys(STROOM)];

const band = (geboren: string, d: string) => {
  const a = ageOn(geboren, parseIsoDate(d));
  return a >= 16 && a < 18 ? 'L16_17' : a >= 18 && a < 23 ? 'L18_22' : a >= 23 && a < 27 ? 'L23_26' : null;
};

/** A period code's first and last day. */
export function grenzen(periode: string): [string, string] {
  const q = /^(\d{4})-K([1-4])$/.exec(periode);
  const begin = q ? `${q[1]}-${String((Number(q[2]) - 1) * 3 + 1).padStart(2, '0')}-01` : `${periode}-01`;
  return [begin, addDays(addMonths(begin, q ? 3 : 1), -1)];
}

/** Exact counts per `indicator|regio|periode|klasse` for the given regions (municipalities summed), periods and indicators. */
export function waarheid(population: Population, regions: RegionRegistry, peildatum: string, periodes: string[], regioCodes: string[]): Map<string, number> {
  const mensen = [...population.persons()].filter((p) => !p.overlijdensdatum && regions.get(p.gemeenteCode)?.soort === 'GEMEENTE').map((p) => zoalsGeleverd(p, peildatum));
  const uit = new Map<string, number>();
  const leden = new Map(regioCodes.map((c) => [c, new Set(regions.get(c)!.soort === 'GEMEENTE' ? [c] : regions.get(c)!.gemeenten)]));
  const plus = (ind: string, gemeente: string, periode: string, k: string | null) => {
    if (!k) return;
    for (const [code, set] of leden) {
      if (!set.has(gemeente)) continue;
      for (const kk of [k, 'TOTAAL']) uit.set(`${ind}|${code}|${periode}|${kk}`, (uit.get(`${ind}|${code}|${periode}|${kk}`) ?? 0) + 1);
    }
  };
  for (const periode of periodes) {
    const [b, e] = grenzen(periode);
    for (const p of mensen) {
      for (const [ind, f] of Object.entries(STAND)) if (f(p, e)) plus(ind, p.gemeenteCode, periode, band(p.geboortedatum, e));
      for (const [ind, f] of Object.entries(STROOM)) for (const d of f(p, b, e)) plus(ind, p.gemeenteCode, periode, band(p.geboortedatum, d));
    }
  }
  return uit;
}

/**
 * The atoms of the cell key method (docs/monitor.md), from the ground truth: for one month, the
 * people of one municipality and band with the same answer to every stock indicator (family S),
 * and the people with the same numbers of events of every flow indicator in the band of the event
 * (family F). Each atom's `c` says how much one member adds to each indicator.
 */
export interface Atoom { familie: 'S' | 'F'; maand: string; gemeente: string; band: string; n: number; c: Record<string, number> }

export function atomen(population: Population, regions: RegionRegistry, peildatum: string, maand: string): Atoom[] {
  const mensen = [...population.persons()].filter((p) => !p.overlijdensdatum && regions.get(p.gemeenteCode)?.soort === 'GEMEENTE').map((p) => zoalsGeleverd(p, peildatum));
  const [b, e] = grenzen(maand);
  const uit = new Map<string, Atoom>();
  const voeg = (familie: 'S' | 'F', gemeente: string, band: string, c: Record<string, number>) => {
    const k = `${familie}|${gemeente}|${band}|${JSON.stringify(Object.entries(c).sort())}`;
    const a = uit.get(k);
    if (a) a.n++; else uit.set(k, { familie, maand, gemeente, band, n: 1, c });
  };
  for (const p of mensen) {
    const k = band(p.geboortedatum, e);
    if (k) voeg('S', p.gemeenteCode, k, Object.fromEntries(Object.entries(STAND).filter(([, f]) => f(p, e)).map(([ind]) => [ind, 1])));
    const perBand = new Map<string, Record<string, number>>();
    for (const [ind, f] of Object.entries(STROOM)) for (const d of f(p, b, e)) {
      const kb = band(p.geboortedatum, d);
      if (!kb) continue;
      const c = perBand.get(kb) ?? {};
      c[ind] = (c[ind] ?? 0) + 1;
      perBand.set(kb, c);
    }
    for (const [kb, c] of perBand) voeg('F', p.gemeenteCode, kb, c);
  }
  return [...uit.values()];
}

export const STAND_INDICATOREN = Object.keys(STAND);
export const STROOM_INDICATOREN = Object.keys(STROOM);

export const KLASSEN = ['L16_17', 'L18_22', 'L23_26', 'TOTAAL'];
export type Cel = { indicator: string; leeftijd: string; waarde: number | null; onderdrukt: boolean };

/** Every published cell of the periods, read as an analyst of each municipality (who sees their own regions: itself, arbeidsmarktregio, Doorstroompunt region, province, country), per `indicator|regio|periode|klasse`. */
export async function leesAlles(system: RunningSystem, periodes: string[]): Promise<Map<string, Cel>> {
  const regions = system.population.regions;
  const cellen = new Map<string, Cel>();
  for (const g of regions.gemeenten()) {
    const analist: Identity = { role: 'bi-analist', org: g.code, activity: 'regionale-monitoring' };
    const codes = [g.code, g.arbeidsmarktregio!, g.doorstroompuntregio!, g.provincie!, 'NL'].filter((c) => !cellen.has(`jongeren|${c}|${periodes[0]}|TOTAAL`)); // each region read once
    for (const periode of periodes) {
      const q = `query ($p: String!) { ${codes.map((c, i) => `r${i}: regio(code: "${c}") { code cijfers(periode: $p) { indicator leeftijd waarde onderdrukt } }`).join(' ')} }`;
      const { body } = await gqlAs(system, analist, q, { p: periode });
      if (body.errors) throw new Error(`reading the figures as ${g.code}: ${JSON.stringify(body.errors)}`);
      for (const r of Object.values(body.data) as { code: string; cijfers: Cel[] }[]) for (const c of r.cijfers) cellen.set(`${c.indicator}|${r.code}|${periode}|${c.leeftijd}`, c);
    }
  }
  return cellen;
}
