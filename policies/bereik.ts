import { LAND, type RegionRegistry } from '../lib/domain/regions';
import { beoordeelBereik, scopeGemeenten, type Aanvrager, type Persoonskenmerken } from './scope';
import type { Besluit, Verwerkingsactiviteit } from './types';
import { activiteitRef } from './register';

/**
 * The scope rules an entry point can declare (`@beleid(bereik: ...)`), as pure decisions on the
 * activity, the caller and the facts the rule needs. Each returns a decision (a value with a
 * reason) and, where the resolver must narrow its own work to it, the scope it may use. The
 * enforcement module (subgraphs/policy/guards.ts) calls them; no resolver does.
 */

const buiten = (reden: string): Besluit => ({ uitkomst: 'BUITEN_BEREIK', reden });
const TOEGESTAAN: Besluit = { uitkomst: 'TOEGESTAAN' };
const schoolGebonden = (a: Verwerkingsactiviteit) => Boolean(a.voorwaarden.eigenStudenten || a.voorwaarden.nazorgMaanden);

/** BRP facts of a person (null when the BRP does not know the BSN). */
export type BrpFeiten = { gemeente: string | null; geboortedatum: string | null } | null;

/**
 * PERSOON: one person named by BSN, decided on the BRP's facts (self, age, region). An unknown
 * BSN gets the same answer as a person out of scope (no existence oracle). A school-scoped
 * activity enters through its own root (OUD_STUDENT), so here every BSN is refused alike.
 */
export function persoonBereik(a: Verwerkingsactiviteit, bsn: string, feiten: BrpFeiten, wie: Aanvrager, today: string, regions: RegionRegistry): Besluit {
  if (schoolGebonden(a)) return buiten('school-scoped: former students are reached through their own root');
  if (!feiten) return buiten('not known in the BRP');
  const { eigenStudenten: _e, nazorgMaanden: _n, nazorgVanaf: _v, ...voorwaarden } = a.voorwaarden;
  return beoordeelBereik({ ...a, voorwaarden }, { bsn, gemeente: feiten.gemeente, geboortedatum: feiten.geboortedatum, onderwijs: null }, wie, today, regions);
}

/** OUD_STUDENT: a current or former student of the employee's school within the nazorg window, on the school facts alone. */
export function oudStudentBereik(a: Verwerkingsactiviteit, bsn: string, onderwijs: NonNullable<Persoonskenmerken['onderwijs']>, wie: Aanvrager, today: string, regions: RegionRegistry): Besluit {
  const { eigenStudenten, nazorgMaanden, nazorgVanaf, alleenEigenGegevens } = a.voorwaarden;
  if (!eigenStudenten && !nazorgMaanden) return buiten('not a school-scoped activity');
  return beoordeelBereik({ ...a, voorwaarden: { eigenStudenten, nazorgMaanden, nazorgVanaf, alleenEigenGegevens } }, { bsn, gemeente: null, geboortedatum: null, onderwijs }, wie, today, regions);
}

/** What a caseload (a search over people) may cover: the municipalities and ages of the activity's region condition. */
export interface CaseloadScope { gemeenten: Set<string>; leeftijd?: { van: number; tot: number } }

/** CASELOAD: a search over everyone in a region needs an activity scoped to a region (never to a school or to oneself). */
export function caseloadBereik(a: Verwerkingsactiviteit, wie: Aanvrager, regions: RegionRegistry): { besluit: Besluit; scope?: CaseloadScope } {
  const v = a.voorwaarden;
  if (schoolGebonden(a) || v.alleenEigenGegevens || !v.regio) return { besluit: buiten(`a search over people needs an activity scoped to a region; ${activiteitRef(a)} is not`) };
  return { besluit: TOEGESTAAN, scope: { gemeenten: scopeGemeenten(v.regio, wie.organisatie, regions), leeftijd: v.leeftijd } };
}

/** What a list of former students may cover: the school, its nazorg window and what opens it. */
export interface OudStudentenScope { brin: string; maanden: number; vanaf: 'diploma' | 'uitschrijving' }

/** OUD_STUDENTEN: a school's list of graduates needs a school-scoped activity with a nazorg window. */
export function oudStudentenBereik(a: Verwerkingsactiviteit, wie: Aanvrager): { besluit: Besluit; scope?: OudStudentenScope } {
  const v = a.voorwaarden;
  if (!v.eigenStudenten || !v.nazorgMaanden || !wie.organisatie) return { besluit: buiten('a list of former students is only available under a school-scoped nazorg activity') };
  return { besluit: TOEGESTAAN, scope: { brin: wie.organisatie, maanden: v.nazorgMaanden, vanaf: v.nazorgVanaf ?? 'diploma' } };
}

/** ZELF: the young person's own records only. */
export function zelfBereik(a: Verwerkingsactiviteit, wie: Aanvrager): { besluit: Besluit; scope?: { bsn: string } } {
  if (!a.voorwaarden.alleenEigenGegevens || !wie.bsn) return { besluit: buiten('only the young person themself') };
  return { besluit: TOEGESTAAN, scope: { bsn: wie.bsn } };
}

/**
 * TOEZICHT: the privacy officer reads the records of their own organisation's processing, and for
 * a person living in their municipality every record about that person. `woonplaats`: the
 * person's municipality per the BRP (undefined when no person is named, null when unknown).
 */
export function toezichtBereik(wie: Aanvrager, woonplaats: string | null | undefined): { besluit: Besluit; scope: { organisatie: string | null } } {
  if (!wie.organisatie) return { besluit: buiten('a privacy officer works for an organisation'), scope: { organisatie: null } };
  return { besluit: TOEGESTAAN, scope: { organisatie: woonplaats && woonplaats === wie.organisatie ? null : wie.organisatie } };
}

/** The regions an employee's municipality belongs to: itself, its arbeidsmarktregio, its Doorstroompunt region, its province and the country. */
export function eigenRegios(organisatie: string | null, regions: RegionRegistry): Set<string> {
  const eigen = organisatie ? regions.get(organisatie) : undefined;
  if (!eigen || eigen.soort !== 'GEMEENTE') return new Set();
  return new Set([eigen.code, eigen.arbeidsmarktregio, eigen.doorstroompuntregio, eigen.provincie, regions.get(LAND) && LAND].filter((c): c is string => Boolean(c)));
}

/** EIGEN_REGIO: figures and programmes only for the regions of the employee's own municipality, where the activity says so. */
export function eigenRegioBereik(a: Verwerkingsactiviteit, wie: Aanvrager, regio: string, regions: RegionRegistry): Besluit {
  if (!a.voorwaarden.eigenRegios) return TOEGESTAAN;
  return eigenRegios(wie.organisatie, regions).has(regio) ? TOEGESTAAN : buiten(`${activiteitRef(a)} gives only the regions of your own municipality`);
}

/** CONTACTGEMEENTE: only the contactgemeente of a Doorstroompunt region edits that region's programme. */
export function contactgemeenteBereik(wie: Aanvrager, regio: { code: string; contactgemeente: string | null }): Besluit {
  return regio.contactgemeente && wie.organisatie === regio.contactgemeente ? TOEGESTAAN : buiten(`only the contactgemeente ${regio.contactgemeente ?? '(none)'} edits the programme of ${regio.code}`);
}
