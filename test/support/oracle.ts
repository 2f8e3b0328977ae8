import { geleverdOnderwijs } from './duo';
import type { RegionRegistry } from '../../lib/domain/regions';
import { heeftToestemming } from '../../population/consent';
import { heeftStartkwalificatie, huidigeDoorstroomStatus } from '../../population/generator';
import type { SynthPersoon } from '../../population/types';
import type { Register, Verwerkingsactiviteit } from '../../policies/types';

/**
 * What the register grants, computed for a test from the register's data and the generator's
 * ground truth only: none of the policy code under test (policies/scope.ts, the subgraphs'
 * rules, the gateway filter) is used here.
 */
export interface Wie { rol: string; organisatie: string | null; bsn: string | null }

function leeftijd(geboortedatum: string, today: string): number {
  const [by, bm, bd] = geboortedatum.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

function maandenTerug(today: string, n: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const total = y * 12 + (m - 1) - n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Municipalities an employee of `org` may see under a region condition (reference data only). */
export function regioGemeenten(soort: string, org: string | null, regions: RegionRegistry): Set<string> {
  const g = org ? regions.get(org) : undefined;
  if (!g || g.soort !== 'GEMEENTE') return new Set();
  const code = soort === 'gemeente' ? g.code : soort === 'arbeidsmarktregio' ? g.arbeidsmarktregio : g.doorstroompuntregio;
  return new Set(regions.get(code!)?.gemeenten ?? []);
}

export function inBereik(a: Verwerkingsactiviteit, p: SynthPersoon, wie: Wie, today: string, regions: RegionRegistry): boolean {
  const v = a.voorwaarden;
  if (v.alleenEigenGegevens && p.bsn !== wie.bsn) return false;
  if (v.leeftijd) {
    const age = leeftijd(p.geboortedatum, today);
    if (age < v.leeftijd.van || age >= v.leeftijd.tot) return false; // "tot 27": 27 is out
  }
  if (v.regio && !regioGemeenten(v.regio, wie.organisatie, regions).has(p.gemeenteCode)) return false;
  if (v.eigenStudenten || v.nazorgMaanden) {
    // The school relation as the layer knows it: from DUO's deliveries.
    const onderwijs = geleverdOnderwijs(p, today);
    const eigen = onderwijs.inschrijvingen.filter((i) => i.instelling.brin === wie.organisatie);
    if (!eigen.length) return false;
    if (v.nazorgMaanden) {
      const vanaf = maandenTerug(today, v.nazorgMaanden);
      // The window opens with a diploma (mbo) or with leaving the school (pro and vso).
      const opent = v.nazorgVanaf === 'uitschrijving'
        ? eigen.map((i) => i.einddatum).filter((d): d is string => d !== null)
        : onderwijs.diplomas.filter((d) => d.instelling.brin === wie.organisatie).map((d) => d.datum);
      if (!opent.some((d) => d >= vanaf && d <= today)) return false;
    }
  }
  return true;
}

/**
 * The register's statutory exclusion (Participatiewet art. 7 lid 3 onder a for re-integration):
 * under its age and enrolled, as the layer knows enrolment from DUO's deliveries, only the
 * categories it names remain.
 */
export function uitgesloten(a: Verwerkingsactiviteit, p: SynthPersoon, categorie: string, today: string): boolean {
  const u = a.voorwaarden.uitsluiting;
  if (!u || u.behalve.includes(categorie) || leeftijd(p.geboortedatum, today) >= u.totLeeftijd) return false;
  return geleverdOnderwijs(p, today).inschrijvingen.some((i) => i.einddatum === null);
}

/** Categories granted outright (the public ones included), as the register's data says. */
export function outright(register: Register, a: Verwerkingsactiviteit): Set<string> {
  return new Set([...a.categorieen, ...[...register.categorieen.values()].filter((c) => c.openbaar).map((c) => c.id)]);
}

/**
 * The person's fields whose items belong to a school (as the schema documents them): under an
 * activity limited to the employee's own students only that school's items are served, and a
 * value derived from all of them (whether someone has a startkwalificatie) is not served at all.
 */
export const RIJEN: Record<string, (item: any) => string> = {
  inschrijvingen: (i) => i.instelling.brin, huidigeInschrijving: (i) => i.instelling.brin, diplomas: (d) => d.instelling.brin,
  vsvRegistraties: (v) => v.instelling.brin, nazorgcontacten: (c) => c.instelling,
};
export const UIT_ALLE_RIJEN = new Set(['Jongere.startkwalificatie']);

/** A person's true values as an employee of `wie` may see them under `a`: other schools' items left out where the activity says so. */
export function eigenRijen(a: Verwerkingsactiviteit, wie: Wie, truth: Record<string, unknown>, p: SynthPersoon, today: string): Record<string, unknown> {
  if (!a.voorwaarden.eigenStudenten) return truth;
  const eigen = (field: string, item: unknown) => RIJEN[field](item) === wie.organisatie;
  const open = geleverdOnderwijs(p, today).inschrijvingen.filter((i) => i.einddatum === null).at(-1);
  const result: Record<string, unknown> = { ...truth };
  for (const field of Object.keys(RIJEN)) {
    const v = truth[field];
    if (Array.isArray(v)) result[field] = v.filter((item) => eigen(field, item));
  }
  if ('huidigeInschrijving' in truth) result.huidigeInschrijving = open && open.instelling.brin === wie.organisatie ? truth.huidigeInschrijving : null;
  return result;
}

/** Whether the person consented to `categorie` under the activity, for this caller: the generator's seed unless a test says otherwise. */
export type Toestemmingsoracle = (p: SynthPersoon, a: Verwerkingsactiviteit, categorie: string) => boolean;
export const zaadToestemming: Toestemmingsoracle = (p, a) => heeftToestemming(p, a.id);

/** Whether one field (`Type.veld` of category `categorie`) of this person may be disclosed. */
export function mag(register: Register, a: Verwerkingsactiviteit, veld: string, categorie: string, p: SynthPersoon, wie: Wie, today: string, regions: RegionRegistry,
  toestemming: Toestemmingsoracle = zaadToestemming): boolean {
  if (a.uitgezonderd.includes(veld)) return false;
  if (a.voorwaarden.eigenStudenten && UIT_ALLE_RIJEN.has(veld)) return false;
  if (!inBereik(a, p, wie, today, regions)) return false;
  if (uitgesloten(a, p, categorie, today)) return false;
  if (outright(register, a).has(categorie)) return true;
  return a.metToestemming.includes(categorie) && toestemming(p, a, categorie);
}

/** The caseload filter's meaning, on the ground truth. */
export interface Filter { regio?: string; leeftijdVanaf?: number; leeftijdTot?: number; zonderStartkwalificatie?: boolean; doorstroomstatus?: string }

export function voldoet(p: SynthPersoon, f: Filter, today: string, regions: RegionRegistry): boolean {
  if (f.regio && !regions.get(f.regio)!.gemeenten.includes(p.gemeenteCode)) return false;
  const age = leeftijd(p.geboortedatum, today);
  if (f.leeftijdVanaf !== undefined && age < f.leeftijdVanaf) return false;
  if (f.leeftijdTot !== undefined && age > f.leeftijdTot) return false;
  if (f.zonderStartkwalificatie !== undefined && heeftStartkwalificatie(p) === f.zonderStartkwalificatie) return false;
  if (f.doorstroomstatus !== undefined && huidigeDoorstroomStatus(p) !== f.doorstroomstatus) return false;
  return true;
}

/** The category each filter field reveals, as the schema documents it (checked against the schema in the test). */
export const FILTER_CATEGORIE: Record<keyof Filter, string> = {
  regio: 'woonadres', leeftijdVanaf: 'identificatie', leeftijdTot: 'identificatie', zonderStartkwalificatie: 'onderwijs.resultaat', doorstroomstatus: 'doorstroom.dossier',
};
